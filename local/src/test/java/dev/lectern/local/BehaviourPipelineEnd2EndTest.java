package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.analytics.EventLog;
import dev.lectern.analytics.OutboxRelayHandler;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.sqs.BehaviourSender;
import dev.lectern.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The behaviour pipeline end to end, through the local platform: a write that changes state
 * carries its event in its item's outbox, the table stream takes it to the outbox relay, the
 * relay to the behaviour queue, the archiver to the S3 event log — exactly when the write
 * committed. Read routes send their events best effort. Events are counted by id in the log
 * (the archiver may write a redelivered message twice; compaction keeps one).
 */
class BehaviourPipelineEnd2EndTest extends LocalPlatformTest {

    private static String creator;
    private static String admin;

    @BeforeAll
    static void accounts() {
        creator = signUp(true);
        admin = adminToken();
    }

    private static String userId(String token) {
        return JWT.decode(token).getSubject();
    }

    /** A published course at this price (0: free) with one article lesson. */
    private static String course(long price) {
        String courseId = api.post("/courses", creator, "{\"title\":\"Pipeline " + UUID.randomUUID() + "\",\"language\":\"en\","
                + "\"level\":\"all\",\"price\":{\"amount\":" + price + ",\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"One\"}").json().get("id").asText();
        api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + section
                + "\",\"title\":\"Text\",\"kind\":\"article\",\"body\":\"# One\"}");
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        return courseId;
    }

    /** Every event in the S3 event log. */
    private static List<EventEnvelope> log() {
        return EventLogReader.all(platform);
    }

    private static Predicate<EventEnvelope> event(String type, Map<String, Object> fields) {
        return e -> e.type().equals("behaviour." + type) && fields.entrySet().stream().allMatch(f -> {
            JsonNode value = Json.mapper().valueToTree(e.payload()).get(f.getKey());
            return value != null && !value.isNull() && value.asText().equals(String.valueOf(f.getValue()));
        });
    }

    /** The distinct events matching, once at least {@code atLeast} are in the log (bounded wait). */
    private static List<EventEnvelope> awaitEvents(Predicate<EventEnvelope> matching, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<EventEnvelope> found = List.of();
        while (System.nanoTime() < deadline) {
            found = distinct(log().stream().filter(matching).toList());
            if (found.size() >= atLeast) {
                return found;
            }
            sleep(200);
        }
        throw new AssertionError("only " + found.size() + " of " + atLeast + " events reached the log: " + found);
    }

    private static List<EventEnvelope> distinct(List<EventEnvelope> events) {
        Map<String, EventEnvelope> byId = new java.util.LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.id(), e));
        return List.copyOf(byId.values());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every record of the table's stream for one item, oldest first. */
    private static List<Record> streamRecords(Map<String, AttributeValue> key) {
        String table = platform.emulators().resources().tableName();
        String arn = platform.emulators().dynamoDb().describeTable(b -> b.tableName(table)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        try (DynamoDbStreamsClient streams = LocalClients.dynamoDbStreams(platform.emulators().resources().dynamodbEndpoint())) {
            for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = streams.getRecords(b -> b.shardIterator(current));
                    page.records().stream().filter(r -> r.dynamodb().keys().equals(key)).forEach(records::add);
                    // an open shard always has a next iterator: stop at its end
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
        }
        return records;
    }

    @Test
    void aFreeEnrolmentAndAReviewEachProduceOneEventAndFailedWritesNone() {
        String courseId = course(0);
        String learner = signUp(false);
        String outsider = signUp(false);

        assertThat(api.post("/courses/" + courseId + "/enroll", learner, null).json().get("new").asBoolean()).isTrue();
        assertThat(api.post("/courses/" + courseId + "/enroll", learner, null).json().get("new").asBoolean()).isFalse();
        assertThat(api.post("/courses/" + courseId + "/reviews", outsider, "{\"rating\":1}").status()).isEqualTo(403);
        assertThat(api.post("/courses/" + courseId + "/reviews", learner, "{\"rating\":4,\"text\":\"good\"}").status()).isEqualTo(201);
        assertThat(api.post("/courses/" + courseId + "/reviews", learner, "{\"rating\":2}").status()).isEqualTo(409);
        assertThat(api.send("PUT", "/courses/" + courseId + "/reviews", learner, "{\"rating\":5}").status()).isEqualTo(200);

        List<EventEnvelope> reviews = awaitEvents(event("review_posted", Map.of("courseId", courseId)), 1);
        List<EventEnvelope> enrolments = awaitEvents(event("enrolled", Map.of("courseId", courseId)), 1);

        assertThat(enrolments).singleElement().satisfies(e -> {
            assertThat(Json.mapper().valueToTree(e.payload()).get("userId").asText()).isEqualTo(userId(learner));
            assertThat(Json.mapper().valueToTree(e.payload()).get("source").asText()).isEqualTo("free");
            assertThat(e.correlationId()).isNotBlank();
        });
        // the edit is not a new review, and neither the refused nor the repeated post left anything
        assertThat(reviews).singleElement().satisfies(e -> {
            assertThat(Json.mapper().valueToTree(e.payload()).get("userId").asText()).isEqualTo(userId(learner));
            assertThat(Json.mapper().valueToTree(e.payload()).get("rating").asInt()).isEqualTo(4);
        });
        // the repeated enrolment's write was refused: the stream has the entitlement's one insert
        assertThat(streamRecords(Entitlements.key(userId(learner), courseId))).singleElement()
                .satisfies(r -> assertThat(r.eventNameAsString()).isEqualTo("INSERT"));
        assertThat(log()).noneMatch(event("review_posted", Map.of("userId", userId(outsider))));
    }

    @Test
    void aPaidCheckoutAndItsRefundsProduceOneEventEach() {
        String courseId = course(2_000);
        String learner = signUp(false);
        ApiClient.Response checkout = api.post("/checkout", learner, "{\"courseId\":\"" + courseId + "\"}");
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        String orderId = checkout.json().get("orderId").asText();
        stripe("/checkout/sessions/" + checkout.json().get("checkoutSessionId").asText() + "/complete", "{\"outcome\":\"paid\"}");
        awaitStatus(learner, orderId, "paid");
        assertThat(api.post("/orders/" + orderId + "/refund", learner, "{\"amount\":500,\"reason\":\"a chapter was missing\"}").status())
                .isEqualTo(202);
        awaitStatus(learner, orderId, "partially_refunded");
        assertThat(api.post("/orders/" + orderId + "/refund", admin, "{\"reason\":\"goodwill\"}").status()).isEqualTo(202);
        awaitStatus(learner, orderId, "refunded");

        List<EventEnvelope> paid = awaitEvents(event("order_paid", Map.of("orderId", orderId)), 1);
        List<EventEnvelope> refunds = awaitEvents(event("order_refunded", Map.of("orderId", orderId)), 2);
        List<EventEnvelope> enrolled = awaitEvents(event("enrolled", Map.of("courseId", courseId)), 1);

        assertThat(paid).singleElement().satisfies(e -> {
            assertThat(Json.mapper().valueToTree(e.payload()).get("amount").asLong()).isEqualTo(2_000);
            assertThat(Json.mapper().valueToTree(e.payload()).get("userId").asText()).isEqualTo(userId(learner));
        });
        assertThat(refunds).extracting(e -> Json.mapper().valueToTree(e.payload()).get("amount").asLong())
                .containsExactlyInAnyOrder(500L, 1_500L);
        assertThat(enrolled).singleElement()
                .satisfies(e -> assertThat(Json.mapper().valueToTree(e.payload()).get("source").asText()).isEqualTo("purchase"));
    }

    @Test
    void aStreamRecordRelayedAgainCarriesTheSameEventIdWhichCompactionKeepsOnce() {
        String courseId = course(0);
        String learner = signUp(false);
        api.post("/courses/" + courseId + "/enroll", learner, null);
        EventEnvelope enrolled = awaitEvents(event("enrolled", Map.of("courseId", courseId)), 1).getFirst();
        Record record = streamRecords(Entitlements.key(userId(learner), courseId)).getFirst();
        String arn = platform.emulators().dynamoDb().describeTable(b -> b.tableName(platform.emulators().resources().tableName()))
                .table().latestStreamArn();
        DynamodbEvent redelivery = StreamRecords.toEvent(List.of(record), arn);
        var relay = LecternCatalog.function("outbox-relay").orElseThrow();

        FunctionEnvironment.callWith(platform.functionEnvironment(relay), () -> {
            try (OutboxRelayHandler handler = new OutboxRelayHandler()) {
                for (int i = 0; i < 2; i++) {
                    StreamsEventResponse response = handler.handleRequest(redelivery, SimpleLambdaContext.of("redeliver-" + i,
                            relay.id(), relay.memoryMb(), relay.timeoutSeconds()));
                    assertThat(response.getBatchItemFailures()).isEmpty();
                }
            }
            return null;
        });

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (log().stream().filter(e -> e.id().equals(enrolled.id())).count() < 3 && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(log().stream().filter(e -> e.id().equals(enrolled.id())).count()).as("the relayed copies").isEqualTo(3);
        ApiClient.Response compacted = api.unchecked().send("POST", "/_local/schedules/event-log-compaction/run", null,
                "{\"detail\":{\"date\":\"" + EventLog.dayOf(enrolled) + "\"}}");
        assertThat(compacted.status()).as(compacted.body()).isEqualTo(200);
        assertThat(log().stream().filter(e -> e.id().equals(enrolled.id()))).hasSize(1);
    }

    @Test
    void viewsAndSearchesAreSentForTheSignedInLearnerOrTheNamedDevice() {
        String courseId = course(0);
        String learner = signUp(false);
        String device = "device-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

        assertThat(api.get("/courses/" + courseId, null).status()).isEqualTo(200);
        assertThat(api.send("GET", "/courses/" + courseId, null, null, Map.of(BehaviourSender.DEVICE_ID_HEADER, "bad id!")).status())
                .isEqualTo(200);
        assertThat(api.send("GET", "/courses/" + courseId, null, null, Map.of(BehaviourSender.DEVICE_ID_HEADER, device)).status())
                .isEqualTo(200);
        assertThat(api.get("/courses/" + courseId, learner).status()).isEqualTo(200);
        assertThat(api.send("GET", "/courses/search?q=" + marker, null, null, Map.of(BehaviourSender.DEVICE_ID_HEADER, device)).status())
                .isEqualTo(200);
        assertThat(api.get("/courses/search?q=" + marker, learner).status()).isEqualTo(200);

        List<EventEnvelope> views = awaitEvents(event("course_viewed", Map.of("courseId", courseId)), 2);
        List<EventEnvelope> searches = awaitEvents(event("search_performed", Map.of("query", marker)), 2);

        // the views without a token or a valid device id sent nothing
        assertThat(views).extracting(e -> Json.mapper().valueToTree(e.payload()).path("deviceId").asText(null),
                e -> Json.mapper().valueToTree(e.payload()).path("userId").asText(null))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(device, null),
                        org.assertj.core.groups.Tuple.tuple(null, userId(learner)));
        assertThat(searches).extracting(e -> Json.mapper().valueToTree(e.payload()).path("deviceId").asText(null),
                e -> Json.mapper().valueToTree(e.payload()).path("userId").asText(null),
                e -> Json.mapper().valueToTree(e.payload()).get("resultCount").asInt())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(device, null, 0),
                        org.assertj.core.groups.Tuple.tuple(null, userId(learner), 0));
    }

    @Test
    void theLocalInfoShowsTheStreamConsumer() {
        JsonNode relay = api.get("/_local/info", null).json().at("/streamConsumers/0");

        assertThat(relay.get("name").asText()).isEqualTo("outbox-relay");
        assertThat(relay.get("filter").asText()).isEqualTo("NewImage has outbox");
        assertThat(relay.get("stream").asText()).contains(platform.emulators().resources().tableName());
        assertThat(relay.get("shardsRead").asInt()).isPositive();
        assertThat(relay.get("recordsGivenUp").asInt()).isZero();
    }

    private static void stripe(String path, String body) {
        ApiClient.Response response = api.unchecked().send("POST", "/_local/stripe" + path, null, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 299);
    }

    private static void awaitStatus(String token, String orderId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/orders/" + orderId, token).json().get("status").asText();
            if (last.equals(status)) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("order " + orderId + " stayed " + last + ", not " + status);
    }
}
