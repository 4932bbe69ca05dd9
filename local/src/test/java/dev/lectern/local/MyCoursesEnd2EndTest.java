package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /creators/me/courses}: the studio's list of a creator's own courses, drafts included. */
class MyCoursesEnd2EndTest extends LocalPlatformTest {

    private static String course(String creator, String title) {
        ApiClient.Response created = api.post("/courses", creator, "{\"title\":\"" + title + "\",\"subtitle\":\"s\",\"description\":\"d\","
                + "\"language\":\"en\",\"level\":\"beginner\",\"tags\":[],\"price\":{\"amount\":0,\"currency\":\"usd\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Published with an article, which needs no upload. */
    private static void publish(String creator, String courseId) {
        String sectionId = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"One\",\"position\":1}").json().get("id").asText();
        ApiClient.Response lesson = api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + sectionId
                + "\",\"title\":\"Read\",\"kind\":\"article\",\"durationSeconds\":60,\"freePreview\":false,\"position\":1,\"body\":\"# Hi\"}");
        assertThat(lesson.status()).as(lesson.body()).isEqualTo(201);
        ApiClient.Response published = api.post("/courses/" + courseId + "/publish", creator, null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    @Test
    void aCreatorSeesTheirDraftsAndPublishedCoursesNewestFirstAndNobodyElses() {
        String ada = signUp(true);
        String other = signUp(true);
        String first = course(ada, "First");
        String second = course(ada, "Second");
        String third = course(ada, "Third");
        publish(ada, second);
        String theirs = course(other, "Theirs");

        JsonNode all = api.get("/creators/me/courses", ada).json();
        assertThat(ids(all)).containsExactly(third, second, first);
        assertThat(all.hasNonNull("nextCursor")).isFalse();
        assertThat(all.get("items")).extracting(c -> c.get("status").asText()).containsExactly("draft", "published", "draft");
        assertThat(ids(api.get("/creators/me/courses", other).json())).containsExactly(theirs);

        JsonNode firstPage = api.get("/creators/me/courses?limit=2", ada).json();
        assertThat(ids(firstPage)).containsExactly(third, second);
        String cursor = firstPage.get("nextCursor").asText();
        JsonNode secondPage = api.get("/creators/me/courses?limit=2&cursor=" + cursor, ada).json();
        assertThat(ids(secondPage)).containsExactly(first);
        assertThat(secondPage.hasNonNull("nextCursor")).isFalse();

        // a cursor is bound to the creator's own list: another creator's is refused, not followed
        ApiClient.Response foreign = api.get("/creators/me/courses?cursor=" + cursor, other);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("cursor");
    }

    @Test
    void learnersAreRefusedAnonymousCallersToldToSignInAndBadParametersAre400() {
        String creator = signUp(true);
        assertThat(api.get("/creators/me/courses", signUp(false)).status()).isEqualTo(403);
        assertThat(api.get("/creators/me/courses", null).status()).isEqualTo(401);
        assertThat(api.get("/creators/me/courses", adminToken()).status()).isEqualTo(200);
        for (String query : List.of("limit=0", "limit=101", "limit=x", "cursor=nonsense", "cursor=eyJQSyI6IngifQ")) {
            ApiClient.Response response = api.get("/creators/me/courses?" + query, creator);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asText()).as(query).isIn("limit", "cursor");
        }
    }
}
