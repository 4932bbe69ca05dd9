package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.events.Behaviour;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole path of issue 11 through the local platform: a learner sees a course, enrols, learns
 * (progress reports) and completes it; the state changes reach the event log through the table's
 * stream and the outbox relay; analytics-daily turns the day into the creator's and the admin's
 * figures, which the test checks against the events it finds in the log.
 */
class LearnAndAnalyseEnd2EndTest extends LocalPlatformTest {

    private static long count(List<EventEnvelope> events, BehaviourType type) {
        return events.stream().filter(e -> e.type().equals(type.envelopeType())).map(EventEnvelope::id).distinct().count();
    }

    @Test
    void aLearnersDayShowsInTheCreatorsAndTheAdminsAnalytics() throws Exception {
        String creator = signUp(true);
        String admin = adminToken();
        String courseId = api.post("/courses", creator, "{\"title\":\"Learnt\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        List<String> lessons = new ArrayList<>();
        for (String title : List.of("One", "Two")) {
            lessons.add(api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + section + "\",\"title\":\"" + title
                    + "\",\"kind\":\"article\",\"durationSeconds\":600,\"body\":\"# " + title + "\"}").json().get("id").asText());
        }
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        String learner = signUp(false);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(api.get("/courses/" + courseId, learner).status()).isEqualTo(200);
        assertThat(api.post("/courses/" + courseId + "/enroll", learner, null).status()).isEqualTo(200);
        String progress = "/courses/" + courseId + "/lessons/" + lessons.get(0) + "/progress";
        assertThat(api.send("PUT", progress, learner, "{\"positionSeconds\":0}").status()).isEqualTo(200);
        Thread.sleep(1_500);
        assertThat(api.send("PUT", progress, learner, "{\"positionSeconds\":30}").status()).isEqualTo(200);
        assertThat(api.send("PUT", progress, learner, "{\"positionSeconds\":40,\"completed\":true}").status()).isEqualTo(200);
        assertThat(api.send("PUT", "/courses/" + courseId + "/lessons/" + lessons.get(1) + "/progress", learner,
                "{\"positionSeconds\":600,\"completed\":true}").status()).isEqualTo(200);
        JsonNode library = api.get("/me/library", learner).json().get("items").get(0);
        assertThat(library.get("percentComplete").asInt()).isEqualTo(100);

        // a client may name a course that does not exist (ids are checked for shape only): it must not get figures
        String unknownCourse = "01JDQ5Y0000000000000000X99";
        assertThat(api.post("/events", learner, "{\"events\":[{\"type\":\"course_viewed\",\"courseId\":\"" + unknownCourse
                + "\",\"occurredAt\":\"" + java.time.Instant.now() + "\"}]}").status()).isEqualTo(202);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<EventEnvelope> log = EventLogReader.day(platform, today);
        while (count(log, BehaviourType.LESSON_COMPLETED) < 2 || count(log, BehaviourType.ENROLLED) < 1
                || count(log, BehaviourType.COURSE_VIEWED) < 2) {
            assertThat(System.nanoTime()).as("the day's events in the log within 60 s").isLessThan(deadline);
            Thread.sleep(300);
            log = EventLogReader.day(platform, today);
        }
        long secondsLearned = log.stream().filter(e -> e.type().equals(BehaviourType.LESSON_PROGRESS.envelopeType()))
                .collect(java.util.stream.Collectors.toMap(EventEnvelope::id, e -> ((Behaviour.LessonProgress) BehaviourType.read(e)).seconds(),
                        (a, b) -> a)).values().stream().mapToLong(Long::longValue).sum();
        assertThat(secondsLearned).as("the wait between the first two reports, not the 30 s the position moved").isBetween(1L, 29L);

        ApiClient.Response run = api.unchecked().send("POST", "/_local/schedules/analytics-daily/run", null,
                "{\"detail\":{\"date\":\"" + today + "\",\"days\":\"1\"}}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);

        JsonNode creatorView = api.get("/creators/me/analytics?from=" + today + "&to=" + today + "&courseId=" + courseId, creator).json();
        JsonNode totals = creatorView.get("totals");
        assertThat(totals.get("views").asLong()).as("the one view of this course (the other was of the unknown one)").isEqualTo(1);
        assertThat(totals.get("uniqueViewers").asLong()).isEqualTo(1);
        assertThat(totals.get("enrollments").asLong()).isEqualTo(1);
        assertThat(totals.get("lessonsCompleted").asLong()).isEqualTo(2);
        assertThat(totals.get("learningMinutes").asLong()).isEqualTo(secondsLearned / 60);
        assertThat(totals.get("purchases").asLong()).isZero();
        assertThat(creatorView.get("days")).singleElement().satisfies(day -> assertThat(day.get("date").asText()).isEqualTo(today.toString()));
        assertThat(platform.emulators().dynamoDb().query(b -> b.tableName(platform.emulators().resources().tableName())
                .keyConditionExpression("PK = :pk").expressionAttributeValues(java.util.Map.of(":pk",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ANALYTICS#COURSE#" + unknownCourse)))).count())
                .as("no figures for a course that does not exist").isZero();
        JsonNode adminView = api.get("/admin/analytics?from=" + today + "&to=" + today, admin).json();
        assertThat(adminView.at("/days/0/dau").asLong()).as("the learner, the one account with behaviour today").isEqualTo(1);
        assertThat(api.get("/creators/me/analytics?from=" + today + "&to=" + today + "&courseId=" + courseId, signUp(true)).status())
                .as("another creator's published course").isEqualTo(403);
    }
}
