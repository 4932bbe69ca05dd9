package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The catalog's answers to issue 8: unpublished courses keep their learners without showing them
 * draft edits (7), entity tags and preconditions that hold under concurrency (8), a published
 * course never left empty and no self-enrolment or self-review (11).
 */
class CatalogHardeningEnd2EndTest extends LocalPlatformTest {

    private static String course(String creator, String title, String description) {
        ApiClient.Response created = api.post("/courses", creator, "{\"title\":\"" + title + "\",\"description\":\"" + description
                + "\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String section(String creator, String courseId, String title) {
        ApiClient.Response created = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"" + title + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String lesson(String creator, String courseId, String sectionId, String kind, boolean preview) {
        String body = kind.equals("article") ? ",\"body\":\"# Lesson\"" : "";
        ApiClient.Response created = api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + sectionId
                + "\",\"title\":\"L\",\"kind\":\"" + kind + "\",\"freePreview\":" + preview + body + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void publish(String creator, String courseId) {
        ApiClient.Response published = api.post("/courses/" + courseId + "/publish", creator, null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    /** Runs {@code n} calls at once (8 threads) and returns their answers in call order. */
    private static <T> List<T> concurrently(int n, IntFunction<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        }
    }

    // --- 7: draft edits do not leak; learners keep what they have --------------------------------

    @Test
    void learnersOfAnUnpublishedCourseSeeItAsLastPublishedAndKeepItsLessons() {
        String owner = signUp(true);
        String learner = signUp(false);
        String outsider = signUp(false);
        String courseId = course(owner, "Original title", "Original description");
        String sectionId = section(owner, courseId, "Basics");
        String lesson = lesson(owner, courseId, sectionId, "article", false);
        String preview = lesson(owner, courseId, sectionId, "article", true);
        publish(owner, courseId);
        assertThat(api.post("/courses/" + courseId + "/enroll", learner, null).status()).isEqualTo(200);

        assertThat(api.post("/courses/" + courseId + "/unpublish", owner, null).status()).isEqualTo(200);
        assertThat(api.send("PATCH", "/courses/" + courseId, owner, "{\"title\":\"Secret new title\",\"description\":\"internal notes\"}")
                .status()).isEqualTo(200);

        JsonNode entry = api.get("/me/library", learner).json().at("/items/0/course");
        assertThat(entry.get("id").asText()).isEqualTo(courseId);
        assertThat(entry.get("title").asText()).isEqualTo("Original title");
        assertThat(entry.get("description").asText()).isEqualTo("Original description");
        assertThat(entry.get("status").asText()).isEqualTo("draft");

        ApiClient.Response learnersView = api.get("/courses/" + courseId, learner);
        assertThat(learnersView.status()).isEqualTo(200);
        assertThat(learnersView.json().get("title").asText()).isEqualTo("Original title");
        assertThat(learnersView.json().get("description").asText()).isEqualTo("Original description");
        assertThat(learnersView.json().at("/syllabus/0/lessons")).extracting(l -> l.get("id").asText()).contains(lesson);
        assertThat(api.get("/courses/" + courseId, owner).json().get("title").asText()).isEqualTo("Secret new title");
        assertThat(api.get("/courses/" + courseId, outsider).status()).isEqualTo(404);
        assertThat(api.get("/courses/" + courseId, null).status()).isEqualTo(404);

        ApiClient.Response content = api.get("/courses/" + courseId + "/lessons/" + lesson + "/content", learner);
        assertThat(content.status()).as(content.body()).isEqualTo(200);
        assertThat(content.json().get("body").asText()).isEqualTo("# Lesson");
        assertThat(api.get("/courses/" + courseId + "/lessons/" + lesson + "/content", outsider).status()).isEqualTo(404);
        assertThat(api.get("/courses/" + courseId + "/lessons/" + preview + "/content", null).status())
                .as("an unpublished course's previews are gone too").isEqualTo(404);
        assertThat(api.get("/courses/" + courseId + "/lessons/" + lesson + "/content", owner).status()).isEqualTo(200);

        publish(owner, courseId);
        assertThat(api.get("/me/library", learner).json().at("/items/0/course/title").asText())
                .as("published again: the edits are public").isEqualTo("Secret new title");
    }

    // --- 11: a published course keeps a lesson; no self-enrolment or self-review ------------------

    @Test
    void theLastLessonOfAPublishedCourseCannotBeDeleted() {
        String owner = signUp(true);
        String courseId = course(owner, "Two lessons", "d");
        String sectionId = section(owner, courseId, "S");
        String first = lesson(owner, courseId, sectionId, "article", false);
        String second = lesson(owner, courseId, sectionId, "article", false);
        publish(owner, courseId);

        assertThat(api.send("DELETE", "/courses/" + courseId + "/lessons/" + first, owner, null).status()).isEqualTo(204);
        ApiClient.Response last = api.send("DELETE", "/courses/" + courseId + "/lessons/" + second, owner, null);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("detail").asText()).contains("unpublish");
        assertThat(api.get("/courses/" + courseId, null).json().at("/syllabus/0/lessons")).hasSize(1);

        assertThat(api.post("/courses/" + courseId + "/unpublish", owner, null).status()).isEqualTo(200);
        assertThat(api.send("DELETE", "/courses/" + courseId + "/lessons/" + second, owner, null).status())
                .as("a draft may be emptied").isEqualTo(204);
        assertThat(api.post("/courses/" + courseId + "/publish", owner, null).status()).isEqualTo(422);
    }

    @Test
    void concurrentDeletesNeverEmptyAPublishedCourse() throws Exception {
        String owner = signUp(true);
        for (int round = 0; round < 4; round++) {
            String courseId = course(owner, "Race " + round, "d");
            String sectionId = section(owner, courseId, "S");
            List<String> lessons = List.of(lesson(owner, courseId, sectionId, "article", false), lesson(owner, courseId, sectionId, "article", false));
            publish(owner, courseId);

            List<Integer> statuses = concurrently(2, i -> api.send("DELETE", "/courses/" + courseId + "/lessons/" + lessons.get(i), owner, null).status());

            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(204, 409);
            assertThat(api.get("/courses/" + courseId, null).json().at("/syllabus/0/lessons")).hasSize(1);
        }
    }

    @Test
    void creatorsNeitherEnrollInNorReviewTheirOwnCourses() {
        String owner = signUp(true);
        String otherCreator = signUp(true);
        String courseId = course(owner, "Mine", "d");
        lesson(owner, courseId, section(owner, courseId, "S"), "article", true);
        publish(owner, courseId);

        ApiClient.Response enroll = api.post("/courses/" + courseId + "/enroll", owner, null);
        ApiClient.Response review = api.post("/courses/" + courseId + "/reviews", owner, "{\"rating\":5,\"text\":\"great\"}");
        ApiClient.Response edit = api.send("PUT", "/courses/" + courseId + "/reviews", owner, "{\"rating\":5}");

        assertThat(enroll.status()).isEqualTo(403);
        assertThat(enroll.json().get("detail").asText()).contains("creators do not enroll in their own courses");
        assertThat(review.status()).isEqualTo(403);
        assertThat(review.json().get("detail").asText()).contains("creators do not review their own courses");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(api.post("/courses/" + courseId + "/enroll", otherCreator, null).status()).as("another creator is a learner here").isEqualTo(200);
        assertThat(api.post("/courses/" + courseId + "/reviews", otherCreator, "{\"rating\":4}").status()).isEqualTo(201);
        assertThat(api.get("/courses/" + courseId, null).json().at("/rating/count").asLong()).isEqualTo(1);
    }

    // --- 8: ETags and preconditions -------------------------------------------------------------

    @Test
    void aCourseHasAnETagThatConditionalRequestsUse() {
        String owner = signUp(true);
        String learner = signUp(false);
        String courseId = course(owner, "Tagged", "d");
        String path = "/courses/" + courseId;

        ApiClient.Response draft = api.get(path, owner);
        String etag = draft.header("etag");
        assertThat(etag).as("drafts have one for their owner").matches("\"v1-[0-9a-f]{16}\"");
        assertThat(api.get(path, learner).header("etag")).as("no tag on a 404").isNull();
        ApiClient.Response notModified = api.send("GET", path, owner, null, Map.of("If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("etag")).isEqualTo(etag);
        assertThat(api.send("GET", path, owner, null, Map.of("If-None-Match", "\"v0-0\", W/" + etag)).status()).isEqualTo(304);
        assertThat(api.send("GET", path, owner, null, Map.of("If-None-Match", "*")).status()).isEqualTo(304);

        // a new section changes the representation but not the course's fields: a new tag, and PATCH with the old one still works
        section(owner, courseId, "New");
        ApiClient.Response changed = api.send("GET", path, owner, null, Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("etag")).isNotEqualTo(etag).startsWith("\"v1-");
        ApiClient.Response patched = api.send("PATCH", path, owner, "{\"title\":\"Tagged 2\"}", Map.of("If-Match", etag));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.header("etag")).isEqualTo("\"v2\"");

        assertThat(api.send("PATCH", path, owner, "{\"title\":\"stale\"}", Map.of("If-Match", etag)).status()).isEqualTo(412);
        assertThat(api.send("PATCH", path, owner, "{\"title\":\"stale\"}", Map.of("If-Match", "\"something else\"")).status()).isEqualTo(412);
        assertThat(api.send("PATCH", path, owner, "{\"subtitle\":\"any\"}", Map.of("If-Match", "*")).status()).as("* is any current version")
                .isEqualTo(200);
        assertThat(api.send("PATCH", path, owner, "{\"subtitle\":\"listed\"}", Map.of("If-Match", "\"v1\", \"v3\"")).status())
                .as("a list of tags naming the current version").isEqualTo(200);
        String current = api.get(path, owner).header("etag");
        assertThat(current).startsWith("\"v4-");
        assertThat(api.send("PATCH", path, owner, "{\"subtitle\":\"with the GET's tag\"}", Map.of("If-Match", current)).status()).isEqualTo(200);
        assertThat(api.get(path, owner).json().get("subtitle").asText()).isEqualTo("with the GET's tag");
    }

    @Test
    void concurrentPatchesWithoutIfMatchAllSucceedAndOneOfThemIsTheFinalState() throws Exception {
        String owner = signUp(true);
        String courseId = course(owner, "Contended", "d");
        String path = "/courses/" + courseId;

        List<ApiClient.Response> answers = concurrently(8, i -> api.send("PATCH", path, owner, "{\"title\":\"T" + i + "\",\"subtitle\":\"S" + i + "\"}"));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        JsonNode finalState = api.get(path, owner).json();
        String winner = finalState.get("title").asText().substring(1);
        assertThat(finalState.get("subtitle").asText()).as("one PATCH's fields, not a mix").isEqualTo("S" + winner);
        assertThat(api.get(path, owner).header("etag")).as("every PATCH made its own version").startsWith("\"v9-");
    }

    @Test
    void concurrentPatchesWithTheSameIfMatchHaveOneWinnerAndTheRestAre412() throws Exception {
        String owner = signUp(true);
        String courseId = course(owner, "Guarded", "d");
        String path = "/courses/" + courseId;
        String etag = api.get(path, owner).header("etag");

        List<Integer> statuses = concurrently(8, i -> api.send("PATCH", path, owner, "{\"title\":\"G" + i + "\"}", Map.of("If-Match", etag)).status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(7);
    }

    @Test
    void concurrentChangesOfALessonAndASectionAreAllKept() throws Exception {
        String owner = signUp(true);
        String courseId = course(owner, "Lessons", "d");
        String first = section(owner, courseId, "First");
        String second = section(owner, courseId, "Second");
        for (int i = 0; i < 3; i++) {
            int round = i;
            String lessonId = lesson(owner, courseId, first, "video", false);
            String lessonPath = "/courses/" + courseId + "/lessons/" + lessonId;
            String title = "Title " + round;
            int duration = 100 + round;
            List<ApiClient.Response> answers = concurrently(7, call -> switch (call) {
                case 0 -> api.send("PATCH", lessonPath, owner, "{\"title\":\"" + title + "\"}");
                case 1 -> api.send("PATCH", lessonPath, owner, "{\"durationSeconds\":" + duration + "}");
                case 2 -> api.send("PATCH", lessonPath, owner, "{\"freePreview\":true}");
                case 3 -> api.send("PATCH", lessonPath, owner, "{\"position\":" + (7 + round) + "}");
                case 4 -> api.send("PATCH", lessonPath, owner, "{\"sectionId\":\"" + second + "\"}");
                case 5 -> api.post(lessonPath + "/upload", owner, "{\"contentType\":\"video/mp4\",\"sizeBytes\":10}");
                default -> api.send("PATCH", "/courses/" + courseId + "/sections/" + first, owner, "{\"title\":\"First " + round + "\"}");
            });
            ApiClient.Response sectionMove = api.send("PATCH", "/courses/" + courseId + "/sections/" + first, owner, "{\"position\":" + round + "}");

            assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(sectionMove.status()).isEqualTo(200);
            JsonNode syllabus = api.get("/courses/" + courseId, owner).json().get("syllabus");
            JsonNode moved = null;
            for (JsonNode section : syllabus) {
                for (JsonNode lesson : section.get("lessons")) {
                    if (lesson.get("id").asText().equals(lessonId)) {
                        assertThat(section.get("id").asText()).as("the move was kept").isEqualTo(second);
                        moved = lesson;
                    }
                }
                if (section.get("id").asText().equals(first)) {
                    assertThat(section.get("title").asText()).isEqualTo("First " + round);
                    assertThat(section.get("position").asInt()).isEqualTo(round);
                }
            }
            assertThat(moved).isNotNull();
            assertThat(moved.get("title").asText()).isEqualTo(title);
            assertThat(moved.get("durationSeconds").asInt()).isEqualTo(duration);
            assertThat(moved.get("freePreview").asBoolean()).isTrue();
            assertThat(moved.get("position").asInt()).isEqualTo(7 + round);
            assertThat(api.get(lessonPath + "/content", owner).status()).as("the upload's media key was kept").isEqualTo(200);
        }
    }
}
