package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.net.Webhook;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What each route costs in DynamoDB requests and capacity, counted with ReturnConsumedCapacity on
 * one call each; the table is written to target/dynamodb-requests.md for docs/performance.md.
 * Capacity units are DynamoDB Local's figures (docs/performance.md says how they relate to a bill).
 */
class DynamoDbRequestsPerRouteEnd2EndTest extends LocalPlatformTest {

    /** The write routes learners use most: each at most this many capacity units, reads and writes together. */
    private static final List<String> LEARNER_WRITES = List.of(
            "POST /courses/{courseId}/enroll", "POST /courses/{courseId}/reviews", "PUT /courses/{courseId}/reviews");
    private static final double LEARNER_WRITE_BUDGET = 8.0;
    /** A learner's progress report, sent every 30 s of learning: the write routes' budget, and one write unit. */
    private static final String PROGRESS = "PUT /courses/{courseId}/lessons/{lessonId}/progress";

    private static double units(List<DynamoDbRequestCounter.Request> requests) {
        return requests.stream().mapToDouble(DynamoDbRequestCounter.Request::capacityUnits).sum();
    }

    private static List<DynamoDbRequestCounter.Request> measure(Supplier<ApiClient.Response> call, int expectedStatus) {
        DynamoDbRequestCounter.reset();
        ApiClient.Response response = RouteCostRecorder.observe(call);
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        return DynamoDbRequestCounter.requests();
    }

    /** The catalog's routes, one call each, as a creator (token with the creator role) and a learner. */
    private static void measureCatalog(String creator, Map<String, List<DynamoDbRequestCounter.Request>> byRoute) {
        String courseJson = "{\"title\":\"Counted\",\"language\":\"en\",\"level\":\"beginner\",\"tags\":[\"count\"],"
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}";
        String[] course = new String[3];
        byRoute.put("POST /courses", measure(() -> {
            ApiClient.Response r = api.post("/courses", creator, courseJson);
            course[0] = r.json().get("id").asText();
            return r;
        }, 201));
        byRoute.put("PATCH /courses/{courseId}", measure(() -> api.send("PATCH", "/courses/" + course[0], creator, "{\"subtitle\":\"s\"}"), 200));
        byRoute.put("POST /courses/{courseId}/sections", measure(() -> {
            ApiClient.Response r = api.post("/courses/" + course[0] + "/sections", creator, "{\"title\":\"S\"}");
            course[1] = r.json().get("id").asText();
            return r;
        }, 201));
        byRoute.put("POST /courses/{courseId}/lessons", measure(() -> {
            ApiClient.Response r = api.post("/courses/" + course[0] + "/lessons", creator,
                    "{\"sectionId\":\"" + course[1] + "\",\"title\":\"A\",\"kind\":\"article\",\"freePreview\":true,\"body\":\"text\"}");
            course[2] = r.json().get("id").asText();
            return r;
        }, 201));
        byRoute.put("POST /courses/{courseId}/publish", measure(() -> api.post("/courses/" + course[0] + "/publish", creator, null), 200));
        byRoute.put("GET /courses/{courseId}/lessons/{lessonId}/content",
                measure(() -> api.get("/courses/" + course[0] + "/lessons/" + course[2] + "/content", null), 200));
        // creators neither enroll in nor review their own courses: a learner does
        String learner = api.signUp(false);
        byRoute.put("POST /courses/{courseId}/enroll", measure(() -> api.post("/courses/" + course[0] + "/enroll", learner, null), 200));
        // progress: the first report creates the item; the one measured is a report like the many that follow it
        String progress = "/courses/" + course[0] + "/lessons/" + course[2] + "/progress";
        api.send("PUT", progress, learner, "{\"positionSeconds\":0}");
        byRoute.put(PROGRESS, measure(() -> api.send("PUT", progress, learner, "{\"positionSeconds\":30}"), 200));
        byRoute.put("GET /me/courses/{courseId}/progress", measure(() -> api.get("/me/courses/" + course[0] + "/progress", learner), 200));
        byRoute.put("GET /me/library", measure(() -> api.get("/me/library", learner), 200));
        // an anonymous batch: counted per network and per device, then one message on the behaviour queue
        String events = "{\"events\":[{\"type\":\"course_viewed\",\"courseId\":\"" + course[0] + "\",\"occurredAt\":\""
                + Instant.now() + "\"}]}";
        byRoute.put("POST /events", measure(() -> api.send("POST", "/events", null, events,
                Map.of("Lectern-Device-Id", "count-" + UUID.randomUUID())), 202));
        byRoute.put("POST /courses/{courseId}/reviews", measure(() -> api.post("/courses/" + course[0] + "/reviews", learner, "{\"rating\":4}"), 201));
        byRoute.put("PUT /courses/{courseId}/reviews", measure(() -> api.send("PUT", "/courses/" + course[0] + "/reviews", learner, "{\"rating\":5}"), 200));
        byRoute.put("GET /courses/{courseId}/reviews", measure(() -> api.get("/courses/" + course[0] + "/reviews", null), 200));
        // the reads that show a course's counters, once it has some
        byRoute.put("GET /courses/{courseId}", measure(() -> api.get("/courses/" + course[0], null), 200));
        byRoute.put("GET /courses", measure(() -> api.get("/courses?limit=20", null), 200));
        api.get("/courses/search?q=counted", null);
        byRoute.put("GET /courses/search", measure(() -> api.get("/courses/search?q=counted", null), 200));
        // the ranking is computed at most once a minute per instance: a warm call reads only the ranked courses
        api.get("/courses/trending", null);
        byRoute.put("GET /courses/trending", measure(() -> api.get("/courses/trending", null), 200));
        // recommendations: the model is in memory; the courses shown are one BatchGetItem, the learner's courses one Query
        // (the trending ranking, read at most once a minute, is warm after the first call)
        byRoute.put("GET /courses/{courseId}/similar", measure(() -> api.get("/courses/" + course[0] + "/similar", null), 200));
        api.get("/me/recommendations", learner);
        byRoute.put("GET /me/recommendations", measure(() -> api.get("/me/recommendations", learner), 200));
        String creatorId = api.get("/courses/" + course[0], null).json().get("creatorId").asText();
        byRoute.put("GET /creators/{creatorId}", measure(() -> api.get("/creators/" + creatorId, null), 200));
        byRoute.put("GET /creators/me/courses", measure(() -> api.get("/creators/me/courses", creator), 200));
        byRoute.put("PATCH /courses/{courseId}/sections/{sectionId}",
                measure(() -> api.send("PATCH", "/courses/" + course[0] + "/sections/" + course[1], creator, "{\"position\":3}"), 200));
        byRoute.put("PATCH /courses/{courseId}/lessons/{lessonId}",
                measure(() -> api.send("PATCH", "/courses/" + course[0] + "/lessons/" + course[2], creator, "{\"title\":\"B\"}"), 200));
        String video = api.post("/courses/" + course[0] + "/lessons", creator,
                "{\"sectionId\":\"" + course[1] + "\",\"title\":\"V\",\"kind\":\"video\"}").json().get("id").asText();
        byRoute.put("POST /courses/{courseId}/lessons/{lessonId}/upload", measure(() -> api.post("/courses/" + course[0] + "/lessons/" + video
                + "/upload", creator, "{\"contentType\":\"video/mp4\",\"sizeBytes\":10}"), 200));
        byRoute.put("DELETE /courses/{courseId}/lessons/{lessonId}",
                measure(() -> api.send("DELETE", "/courses/" + course[0] + "/lessons/" + video, creator, null), 204));
        String empty = api.post("/courses/" + course[0] + "/sections", creator, "{\"title\":\"E\"}").json().get("id").asText();
        byRoute.put("DELETE /courses/{courseId}/sections/{sectionId}",
                measure(() -> api.send("DELETE", "/courses/" + course[0] + "/sections/" + empty, creator, null), 204));
        byRoute.put("POST /courses/{courseId}/unpublish", measure(() -> api.post("/courses/" + course[0] + "/unpublish", creator, null), 200));
    }

    /**
     * The commerce routes, and what the payment consumer spends applying one event of each kind
     * (measured once the payments queue is empty again: SQS calls are not counted, only DynamoDB's).
     */
    private static void measureCommerce(String creator, Map<String, List<DynamoDbRequestCounter.Request>> byRoute,
                                        Map<String, List<DynamoDbRequestCounter.Request>> byEvent) {
        String courseId = api.post("/courses", creator, "{\"title\":\"Sold\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":2500,\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + section + "\",\"title\":\"A\",\"kind\":\"article\",\"body\":\"x\"}");
        api.post("/courses/" + courseId + "/publish", creator, null);
        String expires = Instant.now().plus(Duration.ofDays(30)).toString();
        byRoute.put("POST /courses/{courseId}/coupons", measure(() -> api.post("/courses/" + courseId + "/coupons", creator,
                "{\"code\":\"C" + UUID.randomUUID().toString().substring(0, 8) + "\",\"percentOff\":10,\"maxRedemptions\":100,\"expiresAt\":\"" + expires + "\"}"), 201));
        byRoute.put("GET /courses/{courseId}/coupons", measure(() -> api.get("/courses/" + courseId + "/coupons", creator), 200));
        String code = api.get("/courses/" + courseId + "/coupons", creator).json().at("/items/0/code").asText();
        String learner = api.signUp(false);
        JsonNode[] checkout = new JsonNode[1];
        byRoute.put("POST /checkout", measure(() -> {
            ApiClient.Response r = api.post("/checkout", learner, "{\"courseId\":\"" + courseId + "\",\"couponCode\":\"" + code + "\"}");
            checkout[0] = r.json();
            return r;
        }, 201));
        String orderId = checkout[0].get("orderId").asText();
        byEvent.put("checkout.session.completed (paid)", consumed(() -> api.unchecked().send("POST", "/_local/stripe/checkout/sessions/"
                + checkout[0].get("checkoutSessionId").asText() + "/complete", null, "{\"outcome\":\"paid\"}")));
        byRoute.put("GET /me/orders", measure(() -> api.get("/me/orders", learner), 200));
        byRoute.put("GET /orders/{orderId}", measure(() -> api.get("/orders/" + orderId, learner), 200));
        byEvent.put("charge.refunded (partial)", consumed(() -> api.post("/orders/" + orderId + "/refund", learner,
                "{\"amount\":100,\"reason\":\"counting\"}")));
        byRoute.put("POST /orders/{orderId}/refund", measure(() -> api.post("/orders/" + orderId + "/refund", learner,
                "{\"amount\":200,\"reason\":\"counting\"}"), 202));
        awaitPaymentsDrained();
        byRoute.put("GET /creators/me/earnings", measure(() -> api.get("/creators/me/earnings", creator), 200));
        String admin = adminToken();
        byRoute.put("GET /admin/revenue", measure(() -> api.get("/admin/revenue", admin), 200));
        byRoute.put("GET /creators/me/analytics", measure(() -> api.get("/creators/me/analytics?courseId=" + courseId, creator), 200));
        byRoute.put("GET /admin/analytics", measure(() -> api.get("/admin/analytics", admin), 200));
        String event = "{\"id\":\"evt_count_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":1,"
                + "\"data\":{\"object\":{\"id\":\"cus_1\"}}}";
        byRoute.put("POST /webhooks/stripe", measure(() -> {
            long t = Instant.now().getEpochSecond();
            try {
                return api.raw("POST", "/webhooks/stripe", Map.of("Content-Type", "application/json", "Stripe-Signature", "t=" + t + ",v1="
                        + Webhook.Util.computeHmacSha256(platform.stripe().webhookSecret(), t + "." + event)),
                        event.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 200));
        awaitPaymentsDrained();
    }

    /** The DynamoDB requests made from the call until the payment consumer has applied what it caused. */
    private static List<DynamoDbRequestCounter.Request> consumed(Supplier<ApiClient.Response> cause) {
        ApiClient.Response response = cause.get();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        // the call's own requests (a refund's reads) are not the consumer's
        DynamoDbRequestCounter.reset();
        awaitPaymentsDrained();
        return DynamoDbRequestCounter.requests();
    }

    /** Until the payments queue is empty: every event Stripe sent is applied (bounded). */
    private static void awaitPaymentsDrained() {
        String url = platform.emulators().resources().queueUrls().get(ResourceId.PAYMENTS_QUEUE);
        long deadline = System.nanoTime() + 20_000_000_000L;
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            var attributes = platform.emulators().sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            boolean empty = attributes.values().stream().allMatch("0"::equals);
            quiet = empty ? quiet + 1 : 0;
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Repeated: each pass is counted alike; RouteCostRecorder times the warm passes for docs/cost.md (target/route-costs.json). */
    @RepeatedTest(RouteCostRecorder.PASSES)
    void everyRouteUsesFewRequestsAndNeverAScan() throws IOException {
        String email = "count-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        Map<String, List<DynamoDbRequestCounter.Request>> byRoute = new LinkedHashMap<>();

        byRoute.put("GET /health", measure(() -> api.get("/health", null), 200));
        byRoute.put("POST /auth/register", measure(() -> api.post("/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Counter\"}"), 201));
        var login = api.post("/auth/login", null, credentials).json();
        byRoute.put("POST /auth/login", measure(() -> api.post("/auth/login", null, credentials), 200));
        String access = login.get("accessToken").asText();
        String[] refresh = {login.get("refreshToken").asText()};
        byRoute.put("POST /auth/refresh", measure(() -> {
            ApiClient.Response r = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + refresh[0] + "\"}");
            refresh[0] = r.json().get("refreshToken").asText();
            return r;
        }, 200));
        byRoute.put("GET /me", measure(() -> api.get("/me", access), 200));
        byRoute.put("PATCH /me", measure(() -> api.send("PATCH", "/me", access, "{\"bio\":\"counting\"}"), 200));
        byRoute.put("POST /me/roles/creator", measure(() -> api.post("/me/roles/creator", access, null), 200));
        byRoute.put("GET /me/export", measure(() -> api.get("/me/export", access), 200));
        byRoute.put("GET /.well-known/jwks.json", measure(() -> api.get("/.well-known/jwks.json", null), 200));
        byRoute.put("POST /auth/logout", measure(() -> api.post("/auth/logout", null, "{\"refreshToken\":\"" + refresh[0] + "\"}"), 204));
        String userId = JWT.decode(access).getSubject();
        // signed in again after POST /me/roles/creator: this token carries the creator role
        String creator = api.post("/auth/login", null, credentials).json().get("accessToken").asText();
        measureCatalog(creator, byRoute);
        Map<String, List<DynamoDbRequestCounter.Request>> byEvent = new LinkedHashMap<>();
        measureCommerce(creator, byRoute, byEvent);
        byRoute.put("DELETE /me", measure(() -> api.send("DELETE", "/me", access, "{\"password\":\"" + password + "\"}"), 204));

        assertThat(byRoute.get("GET /courses/{courseId}")).extracting(DynamoDbRequestCounter.Request::operation).containsExactly("Query");
        assertThat(byRoute.get("GET /me")).as("GET /me: %s", byRoute.get("GET /me")).extracting(DynamoDbRequestCounter.Request::operation).containsExactly("GetItem");
        assertThat(byRoute.get("GET /health")).extracting(DynamoDbRequestCounter.Request::operation).containsExactly("GetItem");
        assertThat(byRoute.get("GET /.well-known/jwks.json")).isEmpty();
        assertThat(byRoute.get("POST /auth/register")).extracting(DynamoDbRequestCounter.Request::operation).containsExactly("TransactWriteItems");
        assertThat(byRoute.values()).allSatisfy(requests -> assertThat(requests)
                .extracting(DynamoDbRequestCounter.Request::operation).doesNotContain("Scan"));
        // erasure revokes each session: it alone grows with the user's data
        byRoute.entrySet().stream().filter(e -> !e.getKey().equals("DELETE /me"))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).hasSizeLessThanOrEqualTo(6));
        assertThat(byRoute.get("GET /courses/search")).as("a warm index answers from memory plus one BatchGetItem of the hits")
                .extracting(DynamoDbRequestCounter.Request::operation).containsExactly("BatchGetItem");
        assertThat(byRoute.get("GET /courses/trending")).as("a warm ranking reads at most one BatchGetItem of the courses")
                .extracting(DynamoDbRequestCounter.Request::operation).isSubsetOf("BatchGetItem");
        assertThat(userId).isNotBlank();
        // an enrolment or a review and its counters are one transaction, and the whole call stays small
        LEARNER_WRITES.forEach(route -> {
            assertThat(byRoute.get(route)).as(route).extracting(DynamoDbRequestCounter.Request::operation)
                    .containsOnlyOnce("TransactWriteItems").doesNotContain("PutItem", "UpdateItem", "DeleteItem");
            assertThat(units(byRoute.get(route))).as(route + ": capacity units").isLessThanOrEqualTo(LEARNER_WRITE_BUDGET);
        });
        assertThat(byRoute.get("GET /courses/{courseId}")).as("the course, its counters and syllabus").hasSize(1);
        assertThat(byRoute.get("GET /courses/{courseId}/similar")).as("the course and its neighbours: one BatchGetItem")
                .extracting(DynamoDbRequestCounter.Request::operation).containsExactly("BatchGetItem");
        assertThat(byRoute.get("GET /me/recommendations")).as("the learner's courses, then the courses shown (if any)")
                .extracting(DynamoDbRequestCounter.Request::operation).startsWith("Query").containsOnlyOnce("Query")
                .hasSizeLessThanOrEqualTo(2).isSubsetOf("Query", "BatchGetItem");
        assertThat(byRoute.get("GET /creators/me/analytics")).as("the course's owner, then its days")
                .extracting(DynamoDbRequestCounter.Request::operation).containsExactly("GetItem", "Query");
        assertThat(byRoute.get("GET /creators/me/courses")).as("the creator's page of courses, then its counters")
                .extracting(DynamoDbRequestCounter.Request::operation).containsExactly("Query", "BatchGetItem");
        assertThat(byRoute.get("GET /admin/analytics")).as("the platform's days, then the cohorts")
                .extracting(DynamoDbRequestCounter.Request::operation).containsExactly("Query", "Query");
        // a progress report: the account's status (every protected write), one BatchGetItem, one conditional UpdateItem of one unit
        assertThat(byRoute.get(PROGRESS)).extracting(DynamoDbRequestCounter.Request::operation)
                .containsExactly("GetItem", "BatchGetItem", "UpdateItem");
        assertThat(byRoute.get(PROGRESS).stream().filter(r -> r.operation().equals("UpdateItem")).mapToDouble(
                DynamoDbRequestCounter.Request::capacityUnits).sum()).as(PROGRESS + ": write units").isEqualTo(1.0);
        assertThat(units(byRoute.get(PROGRESS))).as(PROGRESS + ": capacity units").isLessThanOrEqualTo(LEARNER_WRITE_BUDGET);
        assertThat(byRoute.get("GET /me/courses/{courseId}/progress")).extracting(DynamoDbRequestCounter.Request::operation)
                .containsExactly("Query", "Query");
        assertThat(byRoute.get("POST /events")).extracting(DynamoDbRequestCounter.Request::operation)
                .containsExactly("UpdateItem", "UpdateItem");

        StringBuilder table = new StringBuilder("| route | requests | capacity units |\n| --- | --- | ---: |\n");
        for (Route route : LecternCatalog.routes()) {
            List<DynamoDbRequestCounter.Request> requests = byRoute.get(route.routeKey());
            if (requests == null) {
                continue;
            }
            String operations = requests.isEmpty() ? "none" : requests.stream().collect(Collectors.groupingBy(
                    DynamoDbRequestCounter.Request::operation, LinkedHashMap::new, Collectors.counting())).entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            double units = units(requests);
            table.append("| `").append(route.routeKey()).append("` | ").append(operations).append(" | ")
                    .append(String.format("%.1f", units)).append(" |\n");
        }
        table.append("\n| payment event applied | requests | capacity units |\n| --- | --- | ---: |\n");
        byEvent.forEach((event, requests) -> table.append("| ").append(event).append(" | ").append(requests.stream().collect(Collectors.groupingBy(
                DynamoDbRequestCounter.Request::operation, LinkedHashMap::new, Collectors.counting())).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))).append(" | ")
                .append(String.format("%.1f", units(requests))).append(" |\n"));
        assertThat(byRoute.get("POST /webhooks/stripe")).as("the webhook only enqueues").isEmpty();
        assertThat(byEvent.get("checkout.session.completed (paid)")).as("one event, one transaction")
                .extracting(DynamoDbRequestCounter.Request::operation).containsOnlyOnce("TransactWriteItems");
        Files.writeString(Path.of("target", "dynamodb-requests.md"), table);
        RouteCostRecorder.endPass(byRoute);
    }
}
