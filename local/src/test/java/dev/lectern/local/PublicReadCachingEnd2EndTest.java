package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may keep the answers of the catalog's public reads (docs/architecture.md, "The web distribution"): shared
 * caches — the web distribution's edge, browsers — for a caller who sends no token, for a minute (similar courses five);
 * no cache at all for a signed-in caller, or for a view or search that is recorded for a device. Everything else,
 * errors included, says {@code no-store}.
 */
class PublicReadCachingEnd2EndTest extends LocalPlatformTest {

    private static final String FOR_A_MINUTE = "public, max-age=60";
    private static final String FOR_FIVE_MINUTES = "public, max-age=300";
    private static final String PRIVATE = "private, no-store";
    private static final String NO_STORE = "no-store";

    private static String creator;
    private static String learner;
    private static String courseId;
    private static String draftId;
    /** Each public read, by a path that answers 200, with what it says to a caller without a token. */
    private static final Map<String, String> READS = new LinkedHashMap<>();

    @BeforeAll
    static void aPublishedCourseAndADraft() {
        creator = signUp(true);
        learner = signUp(false);
        courseId = course("Cached " + UUID.randomUUID(), true);
        draftId = course("Draft " + UUID.randomUUID(), false);
        String creatorId = api.get("/courses/" + courseId, null).json().get("creatorId").asText();
        READS.put("/courses?limit=5", FOR_A_MINUTE);
        READS.put("/courses/trending", FOR_A_MINUTE);
        READS.put("/courses/search?q=cached", FOR_A_MINUTE);
        READS.put("/courses/" + courseId, FOR_A_MINUTE);
        READS.put("/courses/" + courseId + "/reviews", FOR_A_MINUTE);
        READS.put("/courses/" + courseId + "/similar", FOR_FIVE_MINUTES);
        READS.put("/creators/" + creatorId, FOR_A_MINUTE);
    }

    private static String course(String title, boolean publish) {
        String id = api.post("/courses", creator, "{\"title\":\"" + title + "\",\"language\":\"en\",\"level\":\"all\",\"tags\":[\"cached\"],"
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + id + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        api.post("/courses/" + id + "/lessons", creator, "{\"sectionId\":\"" + section + "\",\"title\":\"One\",\"kind\":\"article\",\"body\":\"# One\"}");
        if (publish) {
            assertThat(api.post("/courses/" + id + "/publish", creator, null).status()).isEqualTo(200);
        }
        return id;
    }

    private static String cacheControl(ApiClient.Response response) {
        return response.header("cache-control");
    }

    @Test
    void aCallerWithoutATokenMayHaveEachPublicReadKeptByASharedCache() {
        READS.forEach((path, expected) -> {
            ApiClient.Response anonymous = api.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            assertThat(cacheControl(anonymous)).as(path).isEqualTo(expected);
            // a browser's copy for a visitor is not the answer to the same tab's signed-in request
            assertThat(anonymous.header("vary")).as(path).isEqualTo("Authorization, Lectern-Device-Id");
        });
        // HEAD, which the GET route answers, says the same
        ApiClient.Response head = api.raw("HEAD", "/courses/" + courseId, Map.of(), null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(cacheControl(head)).isEqualTo(FOR_A_MINUTE);
    }

    @Test
    void aSignedInCallersAnswerIsKeptByNoCacheOnEveryPublicRead() {
        READS.keySet().forEach(path -> {
            ApiClient.Response signedIn = api.get(path, learner);
            assertThat(signedIn.status()).as(path).isEqualTo(200);
            assertThat(cacheControl(signedIn)).as(path).isEqualTo(PRIVATE);
        });
        // what only a token shows: the creator's own draft, which nobody else sees
        ApiClient.Response draft = api.get("/courses/" + draftId, creator);
        assertThat(draft.status()).isEqualTo(200);
        assertThat(cacheControl(draft)).isEqualTo(PRIVATE);
        ApiClient.Response hidden = api.get("/courses/" + draftId, null);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(cacheControl(hidden)).isEqualTo(NO_STORE);
    }

    @Test
    void aViewOrSearchRecordedForADeviceIsKeptByNoCacheAndOneThatIsNotRecordedIsShared() {
        Map<String, String> device = Map.of("Lectern-Device-Id", "device-" + UUID.randomUUID());
        for (String path : new String[] {"/courses/" + courseId, "/courses/search?q=cached"}) {
            ApiClient.Response recorded = api.send("GET", path, null, null, device);
            assertThat(recorded.status()).as(path).isEqualTo(200);
            assertThat(cacheControl(recorded)).as(path).isEqualTo(PRIVATE);
            // an id of another shape is ignored, nothing is recorded: the answer is everyone's
            ApiClient.Response ignored = api.send("GET", path, null, null, Map.of("Lectern-Device-Id", "no!"));
            assertThat(cacheControl(ignored)).as(path).isEqualTo(FOR_A_MINUTE);
        }
        // the reads that record nothing do not care about the device
        ApiClient.Response list = api.send("GET", "/courses?limit=5", null, null, device);
        assertThat(cacheControl(list)).isEqualTo(FOR_A_MINUTE);
    }

    @Test
    void aNotModifiedAnswerSaysWhatTheFullOneWouldSoThatACacheKeepsItsCopyLonger() {
        String path = "/courses/" + courseId;
        String etag = api.get(path, null).header("etag");

        ApiClient.Response anonymous = api.send("GET", path, null, null, Map.of("If-None-Match", etag));
        assertThat(anonymous.status()).isEqualTo(304);
        assertThat(anonymous.header("etag")).isEqualTo(etag);
        assertThat(cacheControl(anonymous)).isEqualTo(FOR_A_MINUTE);
        assertThat(anonymous.header("vary")).isEqualTo("Authorization, Lectern-Device-Id");
        ApiClient.Response signedIn = api.send("GET", path, learner, null, Map.of("If-None-Match", etag));
        assertThat(signedIn.status()).isEqualTo(304);
        assertThat(cacheControl(signedIn)).isEqualTo(PRIVATE);
    }

    @Test
    void errorsAndWritesUnderTheSamePathsAreKeptByNoCache() {
        assertThat(cacheControl(api.unchecked().get("/courses/01JDQ5Y0000000000000000X98", null))).isEqualTo(NO_STORE);
        assertThat(cacheControl(api.unchecked().get("/courses?limit=0", null))).isEqualTo(NO_STORE);
        assertThat(cacheControl(api.unchecked().get("/courses/01JDQ5Y0000000000000000X98/similar", null))).isEqualTo(NO_STORE);
        ApiClient.Response enrolled = api.post("/courses/" + courseId + "/enroll", learner, null);
        assertThat(enrolled.status()).isEqualTo(200);
        assertThat(cacheControl(enrolled)).isEqualTo(NO_STORE);
    }
}
