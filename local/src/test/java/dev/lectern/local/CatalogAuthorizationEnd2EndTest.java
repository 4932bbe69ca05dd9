package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every catalog route that changes something, called by anonymous, a learner and another
 * creator: each gets the right 4xx and nothing changes. Owners' success paths are in
 * CatalogEnd2EndTest.
 */
class CatalogAuthorizationEnd2EndTest extends LocalPlatformTest {



    /** A published course at 9 usd with one section and one article lesson: {courseId, sectionId, lessonId}. */
    private static String[] paidPublishedCourse(String owner, String title) {
        String course = api.post("/courses", owner, "{\"title\":\"" + title + "\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":900,\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + course + "/sections", owner, "{\"title\":\"S\"}").json().get("id").asText();
        String lesson = api.post("/courses/" + course + "/lessons", owner, "{\"sectionId\":\"" + section
                + "\",\"title\":\"A\",\"kind\":\"article\",\"body\":\"x\"}").json().get("id").asText();
        assertThat(api.post("/courses/" + course + "/publish", owner, null).status()).isEqualTo(200);
        return new String[] {course, section, lesson};
    }

    @Test
    void creatorRoutesRefuseEveryoneButTheOwner() {
        String owner = signUp(true);
        String otherCreator = signUp(true);
        String learner = signUp(false);
        String[] ids = paidPublishedCourse(owner, "Mine");
        String course = ids[0];
        String section = ids[1];
        String lesson = ids[2];
        String base = "/courses/" + course;

        Map<String, String[]> routes = new LinkedHashMap<>();
        routes.put("PATCH course", new String[] {"PATCH", base, "{\"title\":\"Theirs\"}"});
        routes.put("POST section", new String[] {"POST", base + "/sections", "{\"title\":\"T\"}"});
        routes.put("PATCH section", new String[] {"PATCH", base + "/sections/" + section, "{\"title\":\"T\"}"});
        routes.put("DELETE section", new String[] {"DELETE", base + "/sections/" + section, null});
        routes.put("POST lesson", new String[] {"POST", base + "/lessons", "{\"sectionId\":\"" + section + "\",\"title\":\"B\",\"kind\":\"article\"}"});
        routes.put("PATCH lesson", new String[] {"PATCH", base + "/lessons/" + lesson, "{\"title\":\"B\"}"});
        routes.put("DELETE lesson", new String[] {"DELETE", base + "/lessons/" + lesson, null});
        routes.put("upload", new String[] {"POST", base + "/lessons/" + lesson + "/upload", "{\"contentType\":\"video/mp4\",\"sizeBytes\":1}"});
        routes.put("publish", new String[] {"POST", base + "/publish", null});
        routes.put("unpublish", new String[] {"POST", base + "/unpublish", null});

        routes.forEach((name, r) -> {
            assertThat(api.send(r[0], r[1], null, r[2]).status()).as(name + " anonymous").isEqualTo(401);
            assertThat(api.send(r[0], r[1], learner, r[2]).status()).as(name + " learner").isEqualTo(403);
            assertThat(api.send(r[0], r[1], otherCreator, r[2]).status()).as(name + " another creator").isEqualTo(403);
        });
        assertThat(api.post("/courses", null, "{}").status()).isEqualTo(401);
        assertThat(api.post("/courses", learner, "{}").status()).isEqualTo(403);

        JsonNode after = api.get(base, null).json();
        assertThat(after.get("title").asText()).as("nothing changed").isEqualTo("Mine");
        assertThat(after.get("status").asText()).isEqualTo("published");
        assertThat(after.at("/syllabus/0/lessons")).hasSize(1);
    }

    @Test
    void learnerRoutesNeedASignedInUserAndPaidContentAnEntitlement() {
        String owner = signUp(true);
        String learner = signUp(false);
        String[] ids = paidPublishedCourse(owner, "Paid");
        String course = ids[0];
        String lesson = ids[2];

        assertThat(api.post("/courses/" + course + "/enroll", null, null).status()).isEqualTo(401);
        assertThat(api.post("/courses/" + course + "/enroll", learner, null).status()).isEqualTo(402);
        assertThat(api.get("/me/library", null).status()).isEqualTo(401);
        assertThat(api.post("/courses/" + course + "/reviews", null, "{\"rating\":5}").status()).isEqualTo(401);
        assertThat(api.post("/courses/" + course + "/reviews", learner, "{\"rating\":5}").status()).isEqualTo(403);
        assertThat(api.send("PUT", "/courses/" + course + "/reviews", learner, "{\"rating\":5}").status()).isEqualTo(403);
        assertThat(api.get("/courses/" + course + "/lessons/" + lesson + "/content", null).status()).isEqualTo(401);
        assertThat(api.get("/courses/" + course + "/lessons/" + lesson + "/content", learner).status()).isEqualTo(403);
        assertThat(api.get("/courses/" + course + "/lessons/NOPE/content", learner).status()).isEqualTo(404);
        assertThat(api.get("/courses/" + course + "/reviews", null).status()).isEqualTo(200);
    }
}
