package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.resources.ResourceId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The creator flow, browsing, authorization and access to content, through the local platform. */
class CatalogEnd2EndTest extends LocalPlatformTest {

    private static final byte[] VIDEO = "not really an mp4, but bytes all the same".getBytes(StandardCharsets.UTF_8);

    /** A signed-in user; with {@code creator} the token already carries the role. */

    private static String course(String creator, String title, long price) {
        ApiClient.Response created = api.post("/courses", creator, "{\"title\":\"" + title + "\",\"subtitle\":\"s\",\"description\":\"d\","
                + "\"language\":\"en\",\"level\":\"beginner\",\"tags\":[\"Java\",\"aws\"],\"price\":{\"amount\":" + price + ",\"currency\":\"usd\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String section(String creator, String courseId) {
        return api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"Basics\",\"position\":1}").json().get("id").asText();
    }

    private static String lesson(String creator, String courseId, String sectionId, String kind, boolean preview, String body) {
        String json = "{\"sectionId\":\"" + sectionId + "\",\"title\":\"L " + kind + "\",\"kind\":\"" + kind + "\",\"durationSeconds\":60,"
                + "\"freePreview\":" + preview + ",\"position\":1" + (body == null ? "" : ",\"body\":\"" + body + "\"") + "}";
        ApiClient.Response response = api.post("/courses/" + courseId + "/lessons", creator, json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static void upload(String creator, String courseId, String lessonId) throws Exception {
        JsonNode presigned = api.post("/courses/" + courseId + "/lessons/" + lessonId + "/upload", creator,
                "{\"contentType\":\"video/mp4\",\"sizeBytes\":" + VIDEO.length + "}").json();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(presigned.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(VIDEO));
        presigned.get("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A published course: a previewable video and a paid article. */
    private static String[] publishedCourse(String creator, long price) throws Exception {
        String courseId = course(creator, "Published " + UUID.randomUUID(), price);
        String sectionId = section(creator, courseId);
        String video = lesson(creator, courseId, sectionId, "video", true, null);
        String article = lesson(creator, courseId, sectionId, "article", false, "# Hello");
        upload(creator, courseId, video);
        ApiClient.Response published = api.post("/courses/" + courseId + "/publish", creator, null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return new String[] {courseId, video, article};
    }

    @Test
    void aCreatorBuildsUploadsAndPublishesAndAnyoneSeesTheSyllabus() throws Exception {
        String creator = signUp(true);
        String[] ids = publishedCourse(creator, 0);

        JsonNode detail = api.get("/courses/" + ids[0], null).json();
        assertThat(detail.get("status").asText()).isEqualTo("published");
        assertThat(detail.get("tags")).extracting(JsonNode::asText).containsExactly("java", "aws");
        assertThat(detail.at("/syllabus/0/lessons")).hasSize(2);
        assertThat(detail.at("/syllabus/0/lessons/0").has("body")).isFalse();
        JsonNode list = api.get("/courses?tag=java&limit=100", null).json();
        assertThat(list.get("items")).extracting(c -> c.get("id").asText()).contains(ids[0]);
        assertThat(api.get("/courses?tag=nothing-has-this-tag", null).json().get("items")).isEmpty();
        JsonNode creatorProfile = api.get("/creators/" + detail.get("creatorId").asText(), null).json();
        assertThat(creatorProfile.get("displayName").asText()).isEqualTo("Cleo");
        assertThat(creatorProfile.get("courses")).extracting(c -> c.get("id").asText()).containsExactly(ids[0]);
        assertThat(detail.get("creatorName").asText()).isEqualTo("Cleo");
        assertThat(api.get("/creators/NOBODY", null).status()).isEqualTo(404);
        JsonNode filtered = api.get("/courses?level=beginner&language=en&priceMax=0&creatorId="
                + detail.get("creatorId").asText(), null).json();
        assertThat(filtered.get("items")).extracting(c -> c.get("id").asText()).containsExactly(ids[0]);
        // a filter no course could ever match is the client's mistake, named, not an empty page (every sort)
        for (String sort : List.of("newest", "popular", "rating")) {
            ApiClient.Response refused = api.get("/courses?sort=" + sort + "&level=expert&language=english&creatorId=cleo", null);
            assertThat(refused.status()).as(sort).isEqualTo(400);
            assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText())
                    .containsExactlyInAnyOrder("level", "language", "creatorId");
        }
    }

    @Test
    void searchFindsEnglishAndChineseCoursesSoonAfterTheyArePublished() throws Exception {
        String creator = signUp(true);
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        // searched once before: the index is built without these courses and must pick them up from the changes feed
        assertThat(ids(api.get("/courses/search?q=" + marker, null).json())).isEmpty();
        String english = course(creator, "Résumé writing " + marker, 0);
        String chinese = course(creator, "机器学习入门 " + marker, 0);
        for (String id : new String[] {english, chinese}) {
            String sectionId = section(creator, id);
            lesson(creator, id, sectionId, "article", true, "text");
            assertThat(api.post("/courses/" + id + "/publish", creator, null).status()).isEqualTo(200);
        }

        Instant deadline = Instant.now().plusSeconds(60);
        List<String> found = List.of();
        while (found.size() < 2 && Instant.now().isBefore(deadline)) {
            found = ids(api.get("/courses/search?q=" + marker, null).json());
            Thread.sleep(500);
        }
        assertThat(found).as("both published courses are found within a minute").containsExactlyInAnyOrder(english, chinese);
        assertThat(ids(api.get("/courses/search?q=RESUME%20" + marker, null).json())).containsExactly(english);
        assertThat(ids(api.get("/courses/search?q=" + URLEncoder.encode("学习 " + marker, StandardCharsets.UTF_8), null).json()))
                .containsExactly(chinese);
        assertThat(api.get("/courses/search", null).status()).isEqualTo(400);
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.get("items").forEach(item -> ids.add(item.at("/course/id").asText()));
        return ids;
    }

    @Test
    void reviewsAreOnePerEntitledLearnerAndTheRatingStaysExactUnderConcurrency() throws Exception {
        String owner = signUp(true);
        String courseId = publishedCourse(owner, 0)[0];
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String learner = signUp(false);
            api.post("/courses/" + courseId + "/enroll", learner, null);
            learners.add(learner);
        }
        String outsider = signUp(false);

        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < learners.size(); i++) {
                String learner = learners.get(i);
                int rating = 1 + i % 5;
                posts.add(() -> api.post("/courses/" + courseId + "/reviews", learner, "{\"rating\":" + rating + ",\"text\":\"ok\"}").status());
            }
            statuses = pool.invokeAll(posts).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
        assertThat(statuses).containsOnly(201);
        assertThat(api.post("/courses/" + courseId + "/reviews", learners.getFirst(), "{\"rating\":5}").status()).isEqualTo(409);
        assertThat(api.post("/courses/" + courseId + "/reviews", outsider, "{\"rating\":5}").status()).isEqualTo(403);
        assertThat(api.post("/courses/" + courseId + "/reviews", learners.getFirst(), "{\"rating\":6}").status()).isEqualTo(400);
        assertThat(api.send("PUT", "/courses/" + courseId + "/reviews", learners.getFirst(), "{\"rating\":5,\"text\":\"better\"}").status())
                .isEqualTo(200);

        // ratings 1,2,3,4,5,1,2,3 then the first 1 became 5: sum 25 over 8
        JsonNode rating = api.get("/courses/" + courseId, null).json().get("rating");
        assertThat(rating.get("count").asLong()).isEqualTo(8);
        assertThat(rating.get("average").asDouble()).as("averages are shown to two decimals").isCloseTo(25 / 8.0, within(0.005));
        JsonNode firstPage = api.get("/courses/" + courseId + "/reviews?limit=5", null).json();
        JsonNode secondPage = api.get("/courses/" + courseId + "/reviews?limit=5&cursor=" + firstPage.get("nextCursor").asText(), null).json();
        assertThat(firstPage.get("items")).hasSize(5);
        assertThat(secondPage.get("items")).hasSize(3);
    }

    @Test
    void sectionsAndLessonsAreChangedReorderedAndRemoved() throws Exception {
        String owner = signUp(true);
        String courseId = course(owner, "Editable", 0);
        String first = section(owner, courseId);
        String second = api.post("/courses/" + courseId + "/sections", owner, "{\"title\":\"Later\",\"position\":2}").json().get("id").asText();
        String a = lesson(owner, courseId, first, "article", false, "a");
        String b = lesson(owner, courseId, first, "video", false, null);
        upload(owner, courseId, b);

        assertThat(api.send("PATCH", "/courses/" + courseId + "/sections/" + second, owner, "{\"position\":0}").status()).isEqualTo(200);
        assertThat(api.send("PATCH", "/courses/" + courseId + "/lessons/" + a, owner, "{\"sectionId\":\"" + second + "\",\"title\":\"Moved\"}").status())
                .isEqualTo(200);
        assertThat(api.send("PATCH", "/courses/" + courseId + "/lessons/" + a, owner, "{\"sectionId\":\"NOPE\"}").status()).isEqualTo(400);
        assertThat(api.send("DELETE", "/courses/" + courseId + "/sections/" + first, owner, null).status()).as("it still has a lesson").isEqualTo(409);
        assertThat(api.send("DELETE", "/courses/" + courseId + "/lessons/" + b, owner, null).status()).isEqualTo(204);
        assertThat(api.send("DELETE", "/courses/" + courseId + "/sections/" + first, owner, null).status()).isEqualTo(204);
        assertThat(api.send("DELETE", "/courses/" + courseId + "/lessons/" + b, owner, null).status()).isEqualTo(404);

        JsonNode syllabus = api.get("/courses/" + courseId, owner).json().get("syllabus");
        assertThat(syllabus).hasSize(1);
        assertThat(syllabus.at("/0/id").asText()).isEqualTo(second);
        assertThat(syllabus.at("/0/lessons/0/title").asText()).isEqualTo("Moved");
        String mediaBucket = platform.emulators().resources().bucketNames().get(ResourceId.MEDIA_BUCKET);
        assertThat(platform.emulators().s3().listObjectsV2(r -> r.bucket(mediaBucket).prefix("courses/" + courseId + "/")).contents())
                .as("the lesson's media went with it").isEmpty();
    }

    @Test
    void listsByPopularityAndByRating() throws Exception {
        String owner = signUp(true);
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        String[] courses = new String[3];
        for (int i = 0; i < 3; i++) {
            courses[i] = api.post("/courses", owner, "{\"title\":\"Rank " + i + "\",\"language\":\"en\",\"level\":\"all\",\"tags\":[\"" + tag
                    + "\"],\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
            lesson(owner, courses[i], section(owner, courses[i]), "article", true, "x");
            api.post("/courses/" + courses[i] + "/publish", owner, null);
        }
        // course 1: two learners rating 3 and 4; course 0: one learner rating 5; course 2: nobody
        int[][] plan = {{0, 5}, {1, 3}, {1, 4}};
        for (int[] step : plan) {
            String learner = signUp(false);
            assertThat(api.post("/courses/" + courses[step[0]] + "/enroll", learner, null).status()).isEqualTo(200);
            api.post("/courses/" + courses[step[0]] + "/reviews", learner, "{\"rating\":" + step[1] + "}");
        }

        List<String> popular = List.of();
        List<String> rated = List.of();
        Instant deadline = Instant.now().plusSeconds(60);
        List<String> wantPopular = List.of(courses[1], courses[0], courses[2]);
        List<String> wantRated = List.of(courses[0], courses[1], courses[2]);
        while ((!popular.equals(wantPopular) || !rated.equals(wantRated)) && Instant.now().isBefore(deadline)) {
            popular = courseIds(api.get("/courses?sort=popular&tag=" + tag, null).json());
            rated = courseIds(api.get("/courses?sort=rating&tag=" + tag, null).json());
            Thread.sleep(500);
        }
        assertThat(popular).isEqualTo(wantPopular);
        assertThat(rated).isEqualTo(wantRated);
        JsonNode firstPage = api.get("/courses?sort=popular&tag=" + tag + "&limit=2", null).json();
        assertThat(courseIds(firstPage)).containsExactly(courses[1], courses[0]);
        assertThat(courseIds(api.get("/courses?sort=popular&tag=" + tag + "&limit=2&cursor=" + firstPage.get("nextCursor").asText(), null).json()))
                .containsExactly(courses[2]);
        assertThat(api.get("/courses?sort=loudest", null).status()).isEqualTo(400);
    }

    private static List<String> courseIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void aStaleIfMatchIs412() {
        String creator = signUp(true);
        String courseId = course(creator, "Versioned", 1999);

        ApiClient.Response first = api.send("PATCH", "/courses/" + courseId, creator + "", "{\"title\":\"Versioned 2\"}");
        String etag = first.header("etag");
        ApiClient.Response withFresh = patch(creator, courseId, etag, "{\"subtitle\":\"fresh\"}");
        ApiClient.Response withStale = patch(creator, courseId, etag, "{\"subtitle\":\"stale\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(withFresh.status()).isEqualTo(200);
        assertThat(withStale.status()).isEqualTo(412);
        assertThat(api.get("/courses/" + courseId, creator).json().get("subtitle").asText()).isEqualTo("fresh");
    }

    private static ApiClient.Response patch(String token, String courseId, String ifMatch, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/courses/" + courseId))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).header("If-Match", ifMatch).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers(), response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publishingAnIncompleteCourseListsWhatIsMissing() {
        String creator = signUp(true);
        String empty = course(creator, "Empty", 0);
        String noUpload = course(creator, "No upload", 0);
        lesson(creator, noUpload, section(creator, noUpload), "video", false, null);

        ApiClient.Response nothing = api.post("/courses/" + empty + "/publish", creator, null);
        ApiClient.Response missingMedia = api.post("/courses/" + noUpload + "/publish", creator, null);

        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.json().at("/errors/0/field").asText()).isEqualTo("lessons");
        assertThat(missingMedia.status()).isEqualTo(422);
        assertThat(missingMedia.json().at("/errors/0/message").asText()).contains("has not been uploaded");
    }

    @Test
    void everyoneElseGetsTheRightRefusal() throws Exception {
        String owner = signUp(true);
        String other = signUp(true);
        String learner = signUp(false);
        String draft = course(owner, "Draft", 0);
        String published = publishedCourse(owner, 0)[0];

        assertThat(api.post("/courses", null, "{}").status()).isEqualTo(401);
        assertThat(api.post("/courses", learner, "{\"title\":\"x\"}").status()).isEqualTo(403);
        assertThat(api.send("PATCH", "/courses/" + draft, other, "{\"title\":\"mine\"}").status()).as("others' drafts do not exist").isEqualTo(404);
        assertThat(api.send("PATCH", "/courses/" + published, other, "{\"title\":\"mine\"}").status()).isEqualTo(403);
        assertThat(api.post("/courses/" + published + "/sections", other, "{\"title\":\"x\"}").status()).isEqualTo(403);
        assertThat(api.post("/courses/" + published + "/unpublish", other, null).status()).isEqualTo(403);
        assertThat(api.get("/courses/" + draft, null).status()).isEqualTo(404);
        assertThat(api.get("/courses/" + draft, learner).status()).isEqualTo(404);
        assertThat(api.get("/courses/" + draft, owner).status()).isEqualTo(200);
        assertThat(api.get("/courses/NOPE", null).status()).isEqualTo(404);
        assertThat(api.get("/courses/" + draft, "Bearer garbage").status()).as("a bad token is refused even where one is optional").isEqualTo(401);
    }

    @Test
    void invalidCoursesNameTheirFields() {
        String creator = signUp(true);

        ApiClient.Response response = api.post("/courses", creator,
                "{\"title\":\"\",\"language\":\"english!\",\"level\":\"guru\",\"price\":{\"amount\":-1,\"currency\":\"usdollar\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("title", "language", "level", "price.amount", "price.currency");
        assertThat(api.get("/courses?limit=1000", null).status()).isEqualTo(400);
        assertThat(api.get("/courses?cursor=garbage", null).status()).isEqualTo(400);
    }

    @Test
    void contentIsServedToPreviewsEntitledLearnersAndOwnersOnly() throws Exception {
        String owner = signUp(true);
        String learner = signUp(false);
        String[] free = publishedCourse(owner, 0);
        String[] paid = publishedCourse(owner, 4900);

        ApiClient.Response preview = api.get("/courses/" + free[0] + "/lessons/" + free[1] + "/content", null);
        assertThat(preview.status()).isEqualTo(200);
        HttpResponse<byte[]> media = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(preview.json().get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo(VIDEO);

        assertThat(api.get("/courses/" + free[0] + "/lessons/" + free[2] + "/content", null).status()).isEqualTo(401);
        assertThat(api.get("/courses/" + free[0] + "/lessons/" + free[2] + "/content", learner).status()).isEqualTo(403);
        assertThat(api.post("/courses/" + free[0] + "/enroll", learner, null).status()).isEqualTo(200);
        ApiClient.Response article = api.get("/courses/" + free[0] + "/lessons/" + free[2] + "/content", learner);
        assertThat(article.status()).isEqualTo(200);
        assertThat(article.json().get("body").asText()).isEqualTo("# Hello");

        assertThat(api.post("/courses/" + paid[0] + "/enroll", learner, null).status()).isEqualTo(402);
        assertThat(api.get("/courses/" + paid[0] + "/lessons/" + paid[2] + "/content", learner).status()).isEqualTo(403);
        assertThat(api.get("/courses/" + paid[0] + "/lessons/" + paid[2] + "/content", owner).status()).isEqualTo(200);

        JsonNode library = api.get("/me/library", learner).json();
        assertThat(library.get("items")).extracting(i -> i.at("/course/id").asText()).containsExactly(free[0]);
        String tampered = preview.json().get("url").asText().replaceAll("X-Amz-Signature=[0-9a-f]{4}", "X-Amz-Signature=0000");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }
}
