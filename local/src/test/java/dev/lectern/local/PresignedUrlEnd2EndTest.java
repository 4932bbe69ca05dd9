package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presigned URLs hold what they promise: an upload only with the declared size and type, a
 * content link that stops working when it expires (5 s here, through LECTERN_CONTENT_URL_SECONDS).
 *
 * <p>The signature's date has whole-second resolution, so a link signed for n seconds works for
 * between n-1 and n seconds; 5 s leaves a loaded machine time to fetch it once, and the test waits
 * for the expiry that the link itself states rather than a fixed sleep.
 */
class PresignedUrlEnd2EndTest {

    private static LocalPlatform platform;
    private static ApiClient api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(new LocalPlatform.Options(0, null, true, false, 1, Map.of("LECTERN_CONTENT_URL_SECONDS", "5")));
        api = new ApiClient(platform.apiUrl());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static int put(JsonNode presigned, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(presigned.get("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** X-Amz-Date plus X-Amz-Expires, as S3 computes it. */
    private static Instant expiryOf(URI url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        Instant signedAt = LocalDateTime.parse(query.get("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
        return signedAt.plusSeconds(Long.parseLong(query.get("X-Amz-Expires")));
    }

    @Test
    void anUploadMustMatchItsDeclarationAndAContentLinkExpires() throws Exception {
        String creator = api.signUp(true);
        String courseId = api.post("/courses", creator, "{\"title\":\"T\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}}")
                .json().get("id").asText();
        String sectionId = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        String lessonId = api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + sectionId
                + "\",\"title\":\"V\",\"kind\":\"video\",\"freePreview\":true}").json().get("id").asText();
        JsonNode presigned = api.post("/courses/" + courseId + "/lessons/" + lessonId + "/upload", creator,
                "{\"contentType\":\"video/mp4\",\"sizeBytes\":10}").json();
        ApiClient.Response tooBig = api.post("/courses/" + courseId + "/lessons/" + lessonId + "/upload", creator,
                "{\"contentType\":\"video/mp4\",\"sizeBytes\":" + (6L * 1024 * 1024 * 1024) + "}");

        assertThat(tooBig.status()).as("above the per-kind maximum").isEqualTo(400);
        assertThat(put(presigned, "video/mp4", new byte[11])).as("more bytes than declared").isEqualTo(403);
        assertThat(put(presigned, "text/html", new byte[10])).as("another content type").isEqualTo(403);
        assertThat(put(presigned, "video/mp4", new byte[10])).isEqualTo(200);
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);

        JsonNode content = api.get("/courses/" + courseId + "/lessons/" + lessonId + "/content", null).json();
        URI url = URI.create(content.get("url").asText());
        assertThat(HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiryOf(url)).toMillis()) + 1_500);
        assertThat(HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the link has expired").isEqualTo(403);
    }
}
