package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.AccountErased;
import dev.lectern.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasure reaches the catalog (issue 8, item 2): the export lists the learner's review and
 * enrolment; after DELETE /me the catalog's consumer of AccountErased deletes the review (and takes
 * it out of the course's rating) and the entitlements, once however often the event comes, and a
 * message that is not an event ends in the dead-letter queue without holding up the others.
 */
class AccountErasureEnd2EndTest extends LocalPlatformTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited " + PATIENCE.toSeconds() + " s for " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private record Reviewed(String courseId, String userId) {
    }

    /** A creator's free course, and a learner who enrolled in it and reviewed it. */
    private static Reviewed aLearnerReviews(String title, int rating) {
        String courseId = freeCourse(signUp(true), title);
        String learner = signUp(false);
        api.post("/courses/" + courseId + "/enroll", learner, null);
        assertThat(api.post("/courses/" + courseId + "/reviews", learner, "{\"rating\":" + rating + "}").status()).isEqualTo(201);
        return new Reviewed(courseId, JWT.decode(learner).getSubject());
    }

    private static String freeCourse(String creator, String title) {
        String courseId = api.post("/courses", creator, "{\"title\":\"" + title + "\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
        String sectionId = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + sectionId + "\",\"title\":\"A\",\"kind\":\"article\",\"body\":\"x\"}");
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        return courseId;
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return platform.emulators().dynamoDb().getItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))).consistentRead(true)).item();
    }

    private static List<Map<String, AttributeValue>> partition(String pk) {
        return platform.emulators().dynamoDb().query(b -> b.tableName(platform.emulators().resources().tableName())
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    /** The review: one per learner, in the learner's personal-data partition. */
    private static Map<String, AttributeValue> review(String userId, String courseId) {
        return item("PERSONAL#" + userId, "review#" + courseId);
    }

    /** The course's counters, beside the course item. */
    private static Map<String, AttributeValue> stats(String courseId) {
        return item("COURSE#" + courseId, "META#STATS");
    }

    private static void erasedAgain(String userId) {
        String queue = platform.emulators().resources().queueUrls().get(ResourceId.ACCOUNTS_QUEUE);
        new EventPublisher(platform.emulators().sqs()).publish(queue, EventEnvelope.of("replay-" + UUID.randomUUID(), AccountErased.TYPE,
                Instant.now(), "e2e-replay", new AccountErased(userId)));
    }

    private static boolean accountsQueueDrained() {
        String queue = platform.emulators().resources().queueUrls().get(ResourceId.ACCOUNTS_QUEUE);
        Map<String, String> attributes = platform.emulators().sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return attributes.values().stream().allMatch("0"::equals);
    }

    @Test
    void aDeletedAccountsReviewsAndEntitlementsLeaveTheCatalogAndTheRatingFollows() throws Exception {
        String creator = signUp(true);
        String reviewed = freeCourse(creator, "Reviewed");
        String alsoEnrolled = freeCourse(creator, "Also enrolled");
        String email = "erase-" + UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Eve\"}");
        String learner = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}")
                .json().get("accessToken").asText();
        String userId = JWT.decode(learner).getSubject();
        String other = signUp(false);
        for (String course : List.of(reviewed, alsoEnrolled)) {
            assertThat(api.post("/courses/" + course + "/enroll", learner, null).status()).isEqualTo(200);
        }
        assertThat(api.post("/courses/" + reviewed + "/enroll", other, null).status()).isEqualTo(200);
        assertThat(api.post("/courses/" + reviewed + "/reviews", learner, "{\"rating\":1,\"text\":\"my private opinion\"}").status()).isEqualTo(201);
        assertThat(api.post("/courses/" + reviewed + "/reviews", other, "{\"rating\":5,\"text\":\"great\"}").status()).isEqualTo(201);
        assertThat(api.get("/courses/" + reviewed, null).json().at("/rating/count").asLong()).isEqualTo(2);
        String lesson = api.get("/courses/" + reviewed, null).json().at("/syllabus/0/lessons/0/id").asText();
        assertThat(api.send("PUT", "/courses/" + reviewed + "/lessons/" + lesson + "/progress", learner, "{\"positionSeconds\":0}").status())
                .isEqualTo(200);

        JsonNode export = api.get("/me/export", learner).json();
        List<String> exported = new ArrayList<>();
        export.get("otherData").forEach(d -> exported.add(d.get("type").asText() + " " + d.at("/attributes/courseId").asText()));
        assertThat(exported).containsExactlyInAnyOrder("review " + reviewed, "entitlement " + reviewed, "entitlement " + alsoEnrolled,
                "progress " + reviewed);
        export.get("otherData").forEach(d -> {
            if (d.get("type").asText().equals("review")) {
                assertThat(d.at("/attributes/text").asText()).isEqualTo("my private opinion");
                assertThat(d.at("/attributes/rating").asInt()).isEqualTo(1);
            }
        });

        assertThat(api.send("DELETE", "/me", learner, "{\"password\":\"" + ApiClient.PASSWORD + "\"}").status()).isEqualTo(204);

        await("the review, the entitlements and the progress to go", () -> review(userId, reviewed).isEmpty()
                && partition("ENTITLEMENTS#" + userId).isEmpty() && partition("PROGRESS#" + userId).isEmpty());
        assertThat(partition("PERSONAL#" + userId)).as("nothing personal left in the catalog").isEmpty();
        assertThat(partition("REVIEWS#" + reviewed)).as("the listed copy went with the review").hasSize(1);
        assertThat(item("ACCOUNT#" + userId, "OUTBOX")).as("the request sent the event: nothing left for the relay").isEmpty();
        JsonNode reviews = api.get("/courses/" + reviewed + "/reviews", null).json();
        assertThat(reviews.get("items")).extracting(r -> r.get("text").asText()).containsExactly("great");
        JsonNode rating = api.get("/courses/" + reviewed, null).json().get("rating");
        assertThat(rating.get("count").asLong()).as("the rating is that of the reviews shown").isEqualTo(1);
        assertThat(rating.get("average").asDouble()).isEqualTo(5.0);
        assertThat(number(stats(reviewed), "enrollCount")).as("popularity counts enrolments made").isEqualTo(2);

        // the event again (at least once delivery): nothing moves twice
        erasedAgain(userId);
        await("the replayed event to be consumed", AccountErasureEnd2EndTest::accountsQueueDrained);
        Map<String, AttributeValue> course = stats(reviewed);
        assertThat(number(course, "ratingCount")).isEqualTo(1);
        assertThat(number(course, "ratingSum")).isEqualTo(5);
    }

    @Test
    void aMessageThatIsNotAnEventEndsInTheDeadLetterQueueAndTheOthersAreProcessed() throws Exception {
        Reviewed reviewed = aLearnerReviews("Poisoned", 3);
        String courseId = reviewed.courseId();
        String userId = reviewed.userId();
        var resources = platform.emulators().resources();
        var sqs = platform.emulators().sqs();
        String queue = resources.queueUrls().get(ResourceId.ACCOUNTS_QUEUE);
        String dlq = resources.deadLetterQueueUrls().get(ResourceId.ACCOUNTS_QUEUE);

        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"not\":\"an event\"}"));
        erasedAgain(userId);
        // an account event the catalog does not act on is acknowledged, not retried
        new EventPublisher(sqs).publish(queue, EventEnvelope.of("other-" + UUID.randomUUID(), "account.renamed", Instant.now(), null,
                Map.of("userId", userId)));

        await("the erasure", () -> review(userId, courseId).isEmpty());
        assertThat(number(stats(courseId), "ratingCount")).isZero();
        await("the poison message in the DLQ", () -> "1".equals(sqs.getQueueAttributes(b -> b.queueUrl(dlq)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages")));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq)).messages()).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("{\"not\":\"an event\"}"));
    }

    @Test
    void anEventTheRequestCouldNotSendIsSentByTheRelay() throws Exception {
        Reviewed reviewed = aLearnerReviews("Relayed", 4);
        String courseId = reviewed.courseId();
        String userId = reviewed.userId();
        // what an erasure leaves when its send fails after its transaction committed
        EventEnvelope erased = EventEnvelope.of("outbox-" + UUID.randomUUID(), AccountErased.TYPE, Instant.now(), null, new AccountErased(userId));
        platform.emulators().dynamoDb().putItem(b -> b.tableName(platform.emulators().resources().tableName()).item(Map.of(
                "PK", AttributeValue.fromS("ACCOUNT#" + userId), "SK", AttributeValue.fromS("OUTBOX"),
                "type", AttributeValue.fromS("outboxEvent"), "event", AttributeValue.fromS(dev.lectern.events.EventJson.write(erased)),
                "GSI1PK", AttributeValue.fromS("ACCOUNT#OUTBOX"), "GSI1SK", AttributeValue.fromS(Instant.now() + "#" + userId))));
        Thread.sleep(1_000);
        assertThat(review(userId, courseId)).as("nothing sent yet").isNotEmpty();

        var run = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        platform.apiUrl() + "/_local/schedules/account-events-relay/run")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(run.body()).contains("\"sent\":1");
        await("the relayed erasure", () -> review(userId, courseId).isEmpty());
        assertThat(item("ACCOUNT#" + userId, "OUTBOX")).isEmpty();
    }
}
