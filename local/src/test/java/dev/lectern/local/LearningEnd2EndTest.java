package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.Json;
import dev.lectern.events.Behaviour;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The learning context through the local platform: progress and its rules, the events each
 * progress write carries in its item's outbox, a course's progress and the library's, and
 * {@code POST /events} from the request to the S3 event log. The platform runs with small event
 * rate limits (3 batches a minute per device, 12 per network) so the limits are reached in a test.
 */
class LearningEnd2EndTest {

    private static final int PER_DEVICE = 3;
    private static final int PER_NETWORK = 12;

    private static LocalPlatform platform;
    private static ApiClient api;
    private static String creator;
    private static String courseId;
    private static String articleId;
    private static String previewId;
    private static String videoId;
    private static String secondArticleId;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(new LocalPlatform.Options(0, null, true, false, 1, Map.of(
                "LECTERN_EVENTS_PER_DEVICE_MINUTE", Integer.toString(PER_DEVICE),
                "LECTERN_EVENTS_PER_NETWORK_MINUTE", Integer.toString(PER_NETWORK))));
        api = new ApiClient(platform.apiUrl());
        creator = api.signUp(true);
        courseId = created(api.post("/courses", creator, "{\"title\":\"Learning\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}"));
        String first = created(api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"One\",\"position\":1}"));
        String second = created(api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"Two\",\"position\":2}"));
        articleId = created(api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + first
                + "\",\"title\":\"Article\",\"kind\":\"article\",\"position\":1,\"body\":\"# Text\"}"));
        previewId = created(api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + first
                + "\",\"title\":\"Preview\",\"kind\":\"article\",\"position\":2,\"freePreview\":true,\"body\":\"# Free\"}"));
        secondArticleId = created(api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + second
                + "\",\"title\":\"Later\",\"kind\":\"article\",\"position\":2,\"body\":\"# Later\"}"));
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        // a video lesson of 60 s, added once the course is published (publishing needs its upload)
        videoId = created(api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + second
                + "\",\"title\":\"Video\",\"kind\":\"video\",\"position\":1,\"durationSeconds\":60}"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** A new learner enrolled in the course. */
    private static String enrolledLearner() {
        String learner = api.signUp(false);
        assertThat(api.post("/courses/" + courseId + "/enroll", learner, null).status()).isEqualTo(200);
        return learner;
    }

    private static ApiClient.Response put(String token, String lessonId, String body) {
        return api.send("PUT", "/courses/" + courseId + "/lessons/" + lessonId + "/progress", token, body);
    }

    private static String userIdOf(String token) {
        return JWT.decode(token).getSubject();
    }

    private static Map<String, AttributeValue> item(String token, String lessonId) {
        return platform.emulators().dynamoDb().getItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(Progress.key(userIdOf(token), courseId, lessonId)).consistentRead(true)).item();
    }

    private static List<Behaviour> outbox(Map<String, AttributeValue> item) {
        return item.get("outbox").l().stream().map(v -> BehaviourType.read(EventJson.readEnvelope(v.s()))).toList();
    }

    /** Moves the item's last write back in time, as if the learner had reported {@code seconds} ago. */
    private static void reportedAgo(String token, String lessonId, long seconds) {
        platform.emulators().dynamoDb().updateItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(Progress.key(userIdOf(token), courseId, lessonId))
                .updateExpression("SET updatedAt = :at")
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Instant.now().minusSeconds(seconds).toString()))));
    }

    // --- progress ---------------------------------------------------------------------------------

    @Test
    void anEntitledLearnersProgressIsWrittenOnceWithItsEventsInTheOutbox() {
        String learner = enrolledLearner();
        String user = userIdOf(learner);

        ApiClient.Response first = put(learner, videoId, "{\"positionSeconds\":0}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("positionSeconds").asLong()).isZero();
        assertThat(first.json().get("completed").asBoolean()).isFalse();
        assertThat(item(learner, videoId).get("version").n()).isEqualTo("1");
        assertThat(outbox(item(learner, videoId))).containsExactly(new Behaviour.LessonStarted(user, courseId, videoId));

        reportedAgo(learner, videoId, 30);
        assertThat(put(learner, videoId, "{\"positionSeconds\":20}").status()).isEqualTo(200);
        Map<String, AttributeValue> second = item(learner, videoId);
        assertThat(second.get("version").n()).isEqualTo("2");
        assertThat(outbox(second)).as("20 s played in 30 s").containsExactly(new Behaviour.LessonProgress(user, courseId, videoId, 20, 20));

        // the same position again: nothing written, not even the time
        ApiClient.Response again = put(learner, videoId, "{\"positionSeconds\":20,\"completed\":false}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("positionSeconds").asLong()).isEqualTo(20);
        assertThat(item(learner, videoId)).as("the item as it was").isEqualTo(second);

        // a seek forward is not learning: at most the seconds elapsed count
        reportedAgo(learner, videoId, 10);
        assertThat(put(learner, videoId, "{\"positionSeconds\":55}").status()).isEqualTo(200);
        assertThat(outbox(item(learner, videoId))).containsExactly(new Behaviour.LessonProgress(user, courseId, videoId, 10, 55));

        // progress is personal data: the export shows it
        JsonNode exported = api.get("/me/export", learner).json().get("otherData");
        assertThat(exported).filteredOn(d -> d.get("type").asText().equals("progress")).singleElement().satisfies(d -> {
            assertThat(d.at("/attributes/courseId").asText()).isEqualTo(courseId);
            assertThat(d.at("/attributes/lessonId").asText()).isEqualTo(videoId);
            assertThat(d.at("/attributes/positionSeconds").asLong()).isEqualTo(55);
        });

        // the whole outbox item stays under 1 KB: one write unit a report
        int size = item(learner, videoId).entrySet().stream().mapToInt(e -> e.getKey().length() + sizeOf(e.getValue())).sum();
        assertThat(size).isLessThan(1024);
    }

    @Test
    void completionNeverGoesBackAndIsAnEventOnce() {
        String learner = enrolledLearner();
        String user = userIdOf(learner);
        assertThat(put(learner, articleId, "{\"positionSeconds\":0}").status()).isEqualTo(200);

        ApiClient.Response done = put(learner, articleId, "{\"positionSeconds\":0,\"completed\":true}");
        assertThat(done.json().get("completed").asBoolean()).isTrue();
        assertThat(outbox(item(learner, articleId))).containsExactly(new Behaviour.LessonCompleted(user, courseId, articleId));
        assertThat(item(learner, articleId)).containsKey("completedAt");

        reportedAgo(learner, articleId, 60);
        ApiClient.Response later = put(learner, articleId, "{\"positionSeconds\":5,\"completed\":false}");
        assertThat(later.json().get("completed").asBoolean()).as("completed: false after completion").isTrue();
        assertThat(outbox(item(learner, articleId))).containsExactly(new Behaviour.LessonProgress(user, courseId, articleId, 5, 5));
        Map<String, AttributeValue> before = item(learner, articleId);
        assertThat(put(learner, articleId, "{\"positionSeconds\":5,\"completed\":true}").json().get("completed").asBoolean()).isTrue();
        assertThat(item(learner, articleId)).as("completing a completed lesson again writes nothing").isEqualTo(before);
    }

    @Test
    void whoMayReportAndWhere() {
        String outsider = api.signUp(false);
        assertThat(put(outsider, articleId, "{\"positionSeconds\":3}").status()).as("not entitled").isEqualTo(403);
        assertThat(put(creator, articleId, "{\"positionSeconds\":3}").status()).as("the creator holds no entitlement").isEqualTo(403);
        assertThat(put(outsider, previewId, "{\"positionSeconds\":3}").status()).as("a free preview: anyone signed in").isEqualTo(200);
        assertThat(api.send("PUT", "/courses/" + courseId + "/lessons/" + videoId + "/progress", null, "{\"positionSeconds\":3}").status())
                .isEqualTo(401);
        String unknown = "01JD0000000000000000000000";
        assertThat(put(outsider, unknown, "{\"positionSeconds\":3}").status()).isEqualTo(404);
        assertThat(api.send("PUT", "/courses/" + unknown + "/lessons/" + videoId + "/progress", outsider, "{\"positionSeconds\":3}").status())
                .isEqualTo(404);
        String draft = created(api.post("/courses", creator, "{\"title\":\"Draft\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}"));
        assertThat(api.send("PUT", "/courses/" + draft + "/lessons/" + videoId + "/progress", outsider, "{\"positionSeconds\":3}").status())
                .as("a draft does not exist for outsiders").isEqualTo(404);
    }

    @Test
    void aPositionPastTheLessonsDurationIs422AndOneWithoutDurationIsCappedAtADay() {
        String learner = enrolledLearner();

        ApiClient.Response past = put(learner, videoId, "{\"positionSeconds\":61}");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().at("/errors/0/field").asText()).isEqualTo("positionSeconds");
        assertThat(item(learner, videoId)).as("nothing written").isEmpty();
        assertThat(put(learner, videoId, "{\"positionSeconds\":60}").status()).isEqualTo(200);
        assertThat(put(learner, articleId, "{\"positionSeconds\":86400}").status()).isEqualTo(200);
        assertThat(put(learner, articleId, "{\"positionSeconds\":86401}").status()).isEqualTo(400);
        assertThat(put(learner, articleId, "{\"positionSeconds\":-1}").status()).isEqualTo(400);
        assertThat(put(learner, articleId, "{\"completed\":true}").status()).isEqualTo(400);
    }

    @Test
    void aCoursesProgressAndTheLibraryShowPercentAndWhereToContinue() {
        String learner = enrolledLearner();
        JsonNode none = api.get("/me/courses/" + courseId + "/progress", learner).json();
        assertThat(none.get("totalLessons").asInt()).isEqualTo(4);
        assertThat(none.get("lessons")).isEmpty();
        assertThat(none.get("percentComplete").asInt()).isZero();
        assertThat(none.has("continueLessonId")).as("nothing started").isFalse();
        JsonNode untouched = libraryEntry(learner);
        assertThat(untouched.get("percentComplete").asInt()).isZero();
        assertThat(untouched.has("continueLessonId")).isFalse();

        // syllabus order: article, preview (section one), video, later (section two)
        put(learner, articleId, "{\"positionSeconds\":0,\"completed\":true}");
        put(learner, previewId, "{\"positionSeconds\":0,\"completed\":true}");
        JsonNode twoDone = api.get("/me/courses/" + courseId + "/progress", learner).json();
        assertThat(twoDone.get("completedLessons").asInt()).isEqualTo(2);
        assertThat(twoDone.get("percentComplete").asInt()).isEqualTo(50);
        assertThat(twoDone.get("continueLessonId").asText()).as("the next after the last completed").isEqualTo(videoId);
        assertThat(twoDone.get("lessons")).extracting(l -> l.get("lessonId").asText()).containsExactly(articleId, previewId);

        put(learner, secondArticleId, "{\"positionSeconds\":12}");
        JsonNode started = api.get("/me/courses/" + courseId + "/progress", learner).json();
        assertThat(started.get("continueLessonId").asText()).as("the lesson touched last, not completed").isEqualTo(secondArticleId);
        assertThat(started.get("lessons")).extracting(l -> l.get("lessonId").asText()).containsExactly(articleId, previewId, secondArticleId);
        JsonNode entry = libraryEntry(learner);
        assertThat(entry.get("percentComplete").asInt()).isEqualTo(50);
        assertThat(entry.get("continueLessonId").asText()).isEqualTo(secondArticleId);

        // someone else's view of the same course: their own progress, none
        String other = api.signUp(false);
        assertThat(api.get("/me/courses/" + courseId + "/progress", other).json().get("lessons")).isEmpty();
        assertThat(api.get("/me/courses/01JD0000000000000000000000/progress", other).status()).isEqualTo(404);
    }

    private static JsonNode libraryEntry(String learner) {
        for (JsonNode item : api.get("/me/library", learner).json().get("items")) {
            if (item.at("/course/id").asText().equals(courseId)) {
                return item;
            }
        }
        throw new AssertionError("the course is not in the library");
    }

    // --- POST /events -----------------------------------------------------------------------------

    private static ObjectNode event(String type, Instant at) {
        ObjectNode event = Json.mapper().createObjectNode().put("type", type).put("occurredAt", at.toString());
        switch (type) {
            case "course_viewed" -> {
                event.put("courseId", courseId);
                event.putObject("props").put("source", "catalog");
            }
            case "search_performed" -> event.putObject("props").put("query", "statistics").put("resultCount", 4);
            case "recommendation_clicked" -> {
                event.put("courseId", courseId);
                event.putObject("props").put("modelVersion", "m-1").put("position", 1);
            }
            default -> {
            }
        }
        return event;
    }

    private static String batch(ObjectNode... events) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode array = body.putArray("events");
        for (ObjectNode e : events) {
            array.add(e);
        }
        return Json.write(body);
    }

    private static ApiClient.Response postEvents(String token, String device, String correlationId, String body) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (device != null) {
            headers.put("Lectern-Device-Id", device);
        }
        if (correlationId != null) {
            headers.put("X-Correlation-Id", correlationId);
        }
        return api.send("POST", "/events", token, body, headers);
    }

    @Test
    void anAcceptedBatchReachesTheEventLogThroughTheArchiver() throws Exception {
        String learner = api.signUp(false);
        String correlation = "e2e-events-" + UUID.randomUUID();
        Instant now = Instant.now();
        ApiClient.Response accepted = postEvents(learner, "device-" + UUID.randomUUID(), correlation,
                batch(event("course_viewed", now.minusSeconds(30)), event("search_performed", now.minusSeconds(20)),
                        event("recommendation_clicked", now.minusSeconds(10))));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("accepted").asInt()).isEqualTo(3);
        List<EventEnvelope> logged = awaitLogged(correlation, 3, now);
        assertThat(logged).extracting(e -> BehaviourType.ofEnvelope(e).orElseThrow().typeName())
                .containsExactlyInAnyOrder("course_viewed", "search_performed", "recommendation_clicked");
        assertThat(logged).allSatisfy(e -> assertThat(BehaviourType.read(e).userId()).isEqualTo(userIdOf(learner)));
        assertThat(logged).extracting(EventEnvelope::id).doesNotHaveDuplicates();

        // a bad batch (two bad events of three) names each by index, and none of it is sent
        String refused = "e2e-refused-" + UUID.randomUUID();
        ObjectNode badSearch = event("search_performed", now);
        ((ObjectNode) badSearch.get("props")).remove("query");
        ApiClient.Response bad = postEvents(learner, null, refused, batch(event("course_viewed", now), badSearch,
                event("course_viewed", now.plus(Duration.ofHours(1)))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("events[1].props.query", "events[2].occurredAt");
        // a good batch sent after it reaches the log; the refused one never does
        String after = "e2e-after-" + UUID.randomUUID();
        assertThat(postEvents(learner, null, after, batch(event("course_viewed", now))).status()).isEqualTo(202);
        awaitLogged(after, 1, now);
        assertThat(logged(refused, now)).isEmpty();
    }

    @Test
    void aBatchTooLargeAServerTypeOrAnAnonymousOneWithoutDeviceIsRefused() {
        String learner = api.signUp(false);
        Instant now = Instant.now();
        ObjectNode[] many = new ObjectNode[101];
        java.util.Arrays.fill(many, event("course_viewed", now));
        assertThat(postEvents(learner, null, null, batch(many)).status()).as("101 events").isEqualTo(413);
        ObjectNode big = event("search_performed", now);
        ((ObjectNode) big.get("props")).put("query", "q".repeat(1000));
        ObjectNode[] heavy = new ObjectNode[100];
        java.util.Arrays.fill(heavy, big);
        assertThat(batch(heavy).length()).isGreaterThan(64 * 1024);
        assertThat(postEvents(learner, null, null, batch(heavy)).status()).as("over 64 KB").isEqualTo(413);

        ObjectNode server = Json.mapper().createObjectNode().put("type", "lesson_completed").put("occurredAt", now.toString())
                .put("courseId", courseId).put("lessonId", articleId);
        ApiClient.Response refused = postEvents(learner, null, null, batch(event("course_viewed", now), server));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("events[1].type");
        assertThat(refused.json().at("/errors/0/message").asText()).contains("produced by the server");

        ApiClient.Response anonymous = postEvents(null, null, null, batch(event("course_viewed", now)));
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.json().at("/errors/0/field").asText()).isEqualTo("Lectern-Device-Id");
        assertThat(postEvents(null, "bad id!", null, batch(event("course_viewed", now))).status()).isEqualTo(400);
        assertThat(postEvents(learner, null, null, "{\"events\":[1]}").status()).isEqualTo(400);
    }

    @Test
    void aRetriedBatchWithItsIdempotencyKeyIsQueuedOnce() throws Exception {
        String learner = api.signUp(false);
        String correlation = "e2e-idem-" + UUID.randomUUID();
        Instant now = Instant.now();
        String body = batch(event("course_viewed", now.minusSeconds(5)));
        Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString(), "X-Correlation-Id", correlation);

        ApiClient.Response first = api.send("POST", "/events", learner, body, headers);
        ApiClient.Response retried = api.send("POST", "/events", learner, body, headers);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        awaitLogged(correlation, 1, now);
        Thread.sleep(1500);
        assertThat(logged(correlation, now)).hasSize(1);
    }

    @Test
    void anonymousSendersAreLimitedPerDeviceAndPerNetwork() throws Exception {
        // windows are whole minutes: start early in one, so the counts below stay in it
        long second = Instant.now().atOffset(ZoneOffset.UTC).getSecond();
        if (second > 40) {
            Thread.sleep((61 - second) * 1000);
        }
        Instant now = Instant.now();
        String device = "device-" + UUID.randomUUID();
        for (int i = 0; i < PER_DEVICE; i++) {
            assertThat(postEvents(null, device, null, batch(event("course_viewed", now))).status()).isEqualTo(202);
        }
        ApiClient.Response limited = postEvents(null, device, null, batch(event("course_viewed", now)));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("detail").asText()).contains("device");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        // a signed-in caller is not counted
        assertThat(postEvents(api.signUp(false), device, null, batch(event("course_viewed", now))).status()).isEqualTo(202);

        // new devices on the same network: the network's limit holds them
        ApiClient.Response network = null;
        for (int i = 0; i < PER_NETWORK + 1 && network == null; i++) {
            ApiClient.Response r = postEvents(null, "device-" + UUID.randomUUID(), null, batch(event("course_viewed", now)));
            if (r.status() == 429) {
                network = r;
            } else {
                assertThat(r.status()).isEqualTo(202);
            }
        }
        assertThat(network).as("refused within the network's limit").isNotNull();
        assertThat(network.json().get("detail").asText()).contains("network");
    }

    /** The events of the log with this correlation id, once there are {@code count} (bounded wait). */
    private static List<EventEnvelope> awaitLogged(String correlationId, int count, Instant day) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<EventEnvelope> found = logged(correlationId, day);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = logged(correlationId, day);
        }
        assertThat(found).as("events of " + correlationId + " in the event log").hasSize(count);
        return found;
    }

    private static List<EventEnvelope> logged(String correlationId, Instant day) {
        List<EventEnvelope> found = new ArrayList<>();
        for (Instant d : List.of(day.minus(Duration.ofDays(1)), day, day.plus(Duration.ofDays(1)))) {
            EventLogReader.day(platform, d.atOffset(ZoneOffset.UTC).toLocalDate()).stream()
                    .filter(e -> correlationId.equals(e.correlationId())).forEach(found::add);
        }
        return found;
    }

    /** DynamoDB's item size rule: attribute names plus values (strings in UTF-8, numbers about their digits, lists their items + 3). */
    private static int sizeOf(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length() / 2 + 2;
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(v -> 1 + sizeOf(v)).sum();
        }
        throw new IllegalArgumentException("unexpected attribute " + value);
    }
}
