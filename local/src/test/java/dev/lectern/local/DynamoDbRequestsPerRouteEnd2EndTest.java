package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

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
        byRoute.put("GET /me/library", measure(() -> api.get("/me/library", learner), 200));
        byRoute.put("POST /courses/{courseId}/reviews", measure(() -> api.post("/courses/" + course[0] + "/reviews", learner, "{\"rating\":4}"), 201));
        byRoute.put("PUT /courses/{courseId}/reviews", measure(() -> api.send("PUT", "/courses/" + course[0] + "/reviews", learner, "{\"rating\":5}"), 200));
        byRoute.put("GET /courses/{courseId}/reviews", measure(() -> api.get("/courses/" + course[0] + "/reviews", null), 200));
        // the reads that show a course's counters, once it has some
        byRoute.put("GET /courses/{courseId}", measure(() -> api.get("/courses/" + course[0], null), 200));
        byRoute.put("GET /courses", measure(() -> api.get("/courses?limit=20", null), 200));
        api.get("/courses/search?q=counted", null);
        byRoute.put("GET /courses/search", measure(() -> api.get("/courses/search?q=counted", null), 200));
        String creatorId = api.get("/courses/" + course[0], null).json().get("creatorId").asText();
        byRoute.put("GET /creators/{creatorId}", measure(() -> api.get("/creators/" + creatorId, null), 200));
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
        measureCatalog(api.post("/auth/login", null, credentials).json().get("accessToken").asText(), byRoute);
        byRoute.put("DELETE /me", measure(() -> api.send("DELETE", "/me", access, "{\"password\":\"" + password + "\"}"), 204));

        assertThat(byRoute.get("GET /courses/{courseId}")).extracting(DynamoDbRequestCounter.Request::operation).containsExactly("Query");
        assertThat(byRoute.get("GET /me")).extracting(DynamoDbRequestCounter.Request::operation).containsExactly("GetItem");
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
        assertThat(userId).isNotBlank();
        // an enrolment or a review and its counters are one transaction, and the whole call stays small
        LEARNER_WRITES.forEach(route -> {
            assertThat(byRoute.get(route)).as(route).extracting(DynamoDbRequestCounter.Request::operation)
                    .containsOnlyOnce("TransactWriteItems").doesNotContain("PutItem", "UpdateItem", "DeleteItem");
            assertThat(units(byRoute.get(route))).as(route + ": capacity units").isLessThanOrEqualTo(LEARNER_WRITE_BUDGET);
        });
        assertThat(byRoute.get("GET /courses/{courseId}")).as("the course, its counters and syllabus").hasSize(1);

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
        Files.writeString(Path.of("target", "dynamodb-requests.md"), table);
        RouteCostRecorder.endPass(byRoute);
    }
}
