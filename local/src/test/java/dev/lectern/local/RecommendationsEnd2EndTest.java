package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Recommendations through the local platform, from behaviour to answers: learners enrol through the
 * API, their events reach the log, analytics-daily writes the day's Parquet file, the similarity job
 * builds a version, and the serving routes answer from it with what is live in the table.
 */
class RecommendationsEnd2EndTest extends LocalPlatformTest {

    private static String course(String creator, String title, String tag) {
        String id = api.post("/courses", creator, "{\"title\":\"" + title + "\",\"language\":\"en\",\"level\":\"all\",\"tags\":[\"" + tag
                + "\"],\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + id + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        api.post("/courses/" + id + "/lessons", creator, "{\"sectionId\":\"" + section
                + "\",\"title\":\"One\",\"kind\":\"article\",\"body\":\"# One\"}");
        assertThat(api.post("/courses/" + id + "/publish", creator, null).status()).isEqualTo(200);
        return id;
    }

    private static List<String> ids(JsonNode response) {
        return StreamSupport.stream(response.get("items").spliterator(), false).map(i -> i.at("/course/id").asText()).toList();
    }

    private static Map<String, String> reasons(JsonNode response) {
        Map<String, String> reasons = new HashMap<>();
        response.get("items").forEach(i -> reasons.put(i.at("/course/id").asText(),
                i.at("/reason/type").asText() + (i.at("/reason/courseId").isMissingNode() ? "" : ":" + i.at("/reason/courseId").asText())));
        return reasons;
    }

    private static void atMostTwoPerCreator(JsonNode response) {
        Map<String, Integer> perCreator = new HashMap<>();
        response.get("items").forEach(i -> perCreator.merge(i.at("/course/creatorId").asText(), 1, Integer::sum));
        assertThat(perCreator.values()).allMatch(n -> n <= 2);
    }

    @Test
    void behaviourBecomesSimilarCoursesAndRecommendationsWithReasons() throws Exception {
        String kotlinCreator = signUp(true);
        String coroutines = course(kotlinCreator, "Kotlin coroutines", "kotlin-rec");
        String flows = course(kotlinCreator, "Kotlin flows", "kotlin-rec");
        String multiplatform = course(kotlinCreator, "Kotlin multiplatform", "kotlin-rec");
        String rust = course(signUp(true), "Rust ownership", "rust-rec");
        List<String> both = List.of(signUp(false), signUp(false), signUp(false));
        for (String learner : both) {
            assertThat(api.post("/courses/" + coroutines + "/enroll", learner, null).status()).isEqualTo(200);
            assertThat(api.post("/courses/" + flows + "/enroll", learner, null).status()).isEqualTo(200);
        }
        String rustLearner = signUp(false);
        assertThat(api.post("/courses/" + rust + "/enroll", rustLearner, null).status()).isEqualTo(200);
        assertThat(api.post("/courses/" + coroutines + "/enroll", rustLearner, null).status()).isEqualTo(200);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Set<String> mine = Set.of(coroutines, flows, rust);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (EventLogReader.day(platform, today).stream().filter(e -> e.type().equals(BehaviourType.ENROLLED.envelopeType()))
                .map(EventEnvelope::payload).filter(p -> mine.contains(p.path("courseId").asText())).count() < 8) {
            assertThat(System.nanoTime()).as("the enrolments in the log within 60 s").isLessThan(deadline);
            Thread.sleep(300);
        }
        ApiClient.Response analytics = api.unchecked().send("POST", "/_local/schedules/analytics-daily/run", null,
                "{\"detail\":{\"date\":\"" + today + "\",\"days\":\"1\"}}");
        assertThat(analytics.status()).as(analytics.body()).isEqualTo(200);
        ApiClient.Response run = api.unchecked().send("POST", "/_local/schedules/similarity/run", null, "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        String version = run.json().at("/result/version").asText();
        assertThat(version).matches("\\d{8}T\\d{6}Z-[0-9A-Z]{4}");

        // a serving function built before the first version looks for it every few seconds (then every few minutes)
        JsonNode similar = api.get("/courses/" + coroutines + "/similar", null).json();
        long loaded = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!similar.get("modelVersion").asText().equals(version)) {
            assertThat(System.nanoTime()).as("the first version served within 30 s").isLessThan(loaded);
            Thread.sleep(500);
            similar = api.get("/courses/" + coroutines + "/similar", null).json();
        }
        // similar: the course taken together first, the untouched one of the same kind through its content, never itself
        assertThat(ids(similar).get(0)).isEqualTo(flows);
        assertThat(ids(similar)).contains(multiplatform, rust).doesNotContain(coroutines);
        assertThat(api.get("/courses/" + coroutines + "/similar?limit=1", null).json().get("items")).hasSize(1);

        // a learner of both Kotlin courses: never those, and what they lead to, with the course it comes from
        JsonNode forBoth = api.get("/me/recommendations", both.get(0)).json();
        while (!forBoth.get("modelVersion").asText().equals(version)) {
            assertThat(System.nanoTime()).as("the first version served within 30 s").isLessThan(loaded);
            Thread.sleep(500);
            forBoth = api.get("/me/recommendations", both.get(0)).json();
        }
        assertThat(forBoth.get("modelVersion").asText()).isEqualTo(version);
        assertThat(ids(forBoth)).doesNotContain(coroutines, flows).contains(rust);
        assertThat(reasons(forBoth).get(rust)).isEqualTo("because_you_took:" + coroutines);
        atMostTwoPerCreator(forBoth);
        // a new learner: what is trending or popular, nothing "because you took"
        JsonNode forNew = api.get("/me/recommendations?language=en", signUp(false)).json();
        assertThat(forNew.get("items")).isNotEmpty();
        assertThat(reasons(forNew).values()).allMatch(r -> r.equals("trending") || r.equals("popular_in"));
        atMostTwoPerCreator(forNew);

        // a creator is not recommended their own courses
        assertThat(ids(api.get("/me/recommendations?limit=50", kotlinCreator).json())).doesNotContain(coroutines, flows, multiplatform);

        // serving reads what is published now: an unpublished course leaves the answers at once
        assertThat(api.post("/courses/" + flows + "/unpublish", kotlinCreator, null).status()).isEqualTo(200);
        assertThat(ids(api.get("/courses/" + coroutines + "/similar", null).json())).doesNotContain(flows);
        assertThat(api.get("/courses/" + flows + "/similar", null).status()).isEqualTo(404);

        // a click on a recommendation is a behaviour event carrying the model version
        assertThat(api.post("/events", both.get(0), "{\"events\":[{\"type\":\"recommendation_clicked\",\"courseId\":\"" + rust
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"props\":{\"modelVersion\":\"" + version
                + "\",\"reason\":\"because_you_took\",\"position\":0}}]}").status()).isEqualTo(202);
    }

    @Test
    void badRequestsGetTheirProblem() {
        String learner = signUp(false);
        assertThat(api.unchecked().get("/courses/not-a-course/similar", null).status()).isEqualTo(404);
        assertThat(api.unchecked().get("/courses/01JDQ5Y0000000000000000X98/similar", null).status()).isEqualTo(404);
        assertThat(api.unchecked().get("/courses/01JDQ5Y0000000000000000X98/similar?limit=0", null).status()).isEqualTo(400);
        assertThat(api.unchecked().get("/me/recommendations?limit=51", learner).status()).isEqualTo(400);
        assertThat(api.unchecked().get("/me/recommendations?limit=ten", learner).status()).isEqualTo(400);
        assertThat(api.unchecked().get("/me/recommendations?language=en!", learner).status()).isEqualTo(400);
        assertThat(api.unchecked().get("/me/recommendations", null).status()).isEqualTo(401);
    }
}
