package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.catalog.MediaStore;
import dev.lectern.core.resources.ResourceId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stored XSS through media (issue 8, item 5): each lesson kind accepts only its media types, and
 * every content link makes S3 answer with the allow-listed type and a disposition, whatever the
 * object was stored with (S3Proxy honours the signed response-* overrides, as S3 does).
 */
class MediaDeliveryEnd2EndTest extends LocalPlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String lesson(String creator, String courseId, String sectionId, String kind, String title) {
        ApiClient.Response created = api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + sectionId
                + "\",\"title\":\"" + title + "\",\"kind\":\"" + kind + "\",\"freePreview\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static ApiClient.Response upload(String creator, String courseId, String lessonId, String contentType, int size) {
        return api.post("/courses/" + courseId + "/lessons/" + lessonId + "/upload", creator,
                "{\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + size + "}");
    }

    private static void put(JsonNode presigned, byte[] body) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(presigned.get("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        presigned.get("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    private static String[] courseWithSection(String creator) {
        String courseId = api.post("/courses", creator, "{\"title\":\"Media\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
        String sectionId = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        return new String[] {courseId, sectionId};
    }

    private static HttpResponse<String> fetchContent(String courseId, String lessonId) throws Exception {
        ApiClient.Response content = api.get("/courses/" + courseId + "/lessons/" + lessonId + "/content", null);
        assertThat(content.status()).as(content.body()).isEqualTo(200);
        return HTTP.send(HttpRequest.newBuilder(URI.create(content.json().get("url").asText())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachKindAcceptsOnlyItsOwnMediaTypes() {
        String creator = signUp(true);
        String[] ids = courseWithSection(creator);
        String video = lesson(creator, ids[0], ids[1], "video", "V");
        String audio = lesson(creator, ids[0], ids[1], "audio", "A");
        String document = lesson(creator, ids[0], ids[1], "document", "D");

        for (String refused : new String[] {"text/html", "image/svg+xml", "application/xhtml+xml", "application/pdf", "text/html; charset=utf-8"}) {
            ApiClient.Response response = upload(creator, ids[0], video, refused, 10);
            assertThat(response.status()).as(refused).isEqualTo(400);
            assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("contentType");
            assertThat(response.json().at("/errors/0/message").asText()).contains("video/mp4");
        }
        assertThat(upload(creator, ids[0], document, "video/mp4", 10).status()).isEqualTo(400);
        assertThat(upload(creator, ids[0], audio, "video/webm", 10).status()).isEqualTo(400);
        assertThat(api.get("/courses/" + ids[0] + "/lessons/" + video + "/content", creator).status())
                .as("a refused upload stored nothing: still nothing to serve").isEqualTo(409);

        assertThat(upload(creator, ids[0], video, "video/quicktime", 10).status()).isEqualTo(200);
        assertThat(upload(creator, ids[0], audio, "audio/mpeg", 10).status()).isEqualTo(200);
        assertThat(upload(creator, ids[0], document, "application/epub+zip", 10).status()).isEqualTo(200);
    }

    @Test
    void contentLinksServeTheAllowListedTypeInlineForVideoAndAsAnAttachmentForDocuments() throws Exception {
        String creator = signUp(true);
        String[] ids = courseWithSection(creator);
        String video = lesson(creator, ids[0], ids[1], "video", "Intro: Java & \\\"quotes\\\"");
        String document = lesson(creator, ids[0], ids[1], "document", "第一章 讲义");
        byte[] bytes = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        put(upload(creator, ids[0], video, "video/mp4", bytes.length).json(), bytes);
        put(upload(creator, ids[0], document, "application/pdf", bytes.length).json(), bytes);
        assertThat(api.post("/courses/" + ids[0] + "/publish", creator, null).status()).isEqualTo(200);

        HttpResponse<String> videoResponse = fetchContent(ids[0], video);
        HttpResponse<String> documentResponse = fetchContent(ids[0], document);

        assertThat(videoResponse.statusCode()).isEqualTo(200);
        assertThat(videoResponse.headers().firstValue("content-type")).hasValue("video/mp4");
        assertThat(videoResponse.headers().firstValue("content-disposition").orElseThrow())
                .startsWith("inline; filename=\"Intro-Java-quotes.mp4\"; filename*=UTF-8''");
        assertThat(videoResponse.headers().firstValue("cache-control")).hasValue("private, max-age=300");
        assertThat(documentResponse.headers().firstValue("content-type")).hasValue("application/pdf");
        assertThat(documentResponse.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"lesson.pdf\"; filename*=UTF-8''"
                + URLEncoder.encode("第一章 讲义.pdf", StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void anObjectStoredAsHtmlBeforeTheAllowListIsServedAsADownload() throws Exception {
        String creator = signUp(true);
        String[] ids = courseWithSection(creator);
        String video = lesson(creator, ids[0], ids[1], "video", "Old upload");
        // what the catalog let through before: a "video" stored and recorded as text/html
        var resources = platform.emulators().resources();
        String key = MediaStore.keyOf(ids[0], video);
        platform.emulators().s3().putObject(b -> b.bucket(resources.bucketNames().get(ResourceId.MEDIA_BUCKET)).key(key).contentType("text/html"),
                RequestBody.fromString("<script>alert(document.cookie)</script>", StandardCharsets.UTF_8));
        platform.emulators().dynamoDb().updateItem(b -> b.tableName(resources.tableName())
                .key(Map.of("PK", AttributeValue.fromS("COURSE#" + ids[0]), "SK", AttributeValue.fromS("LESSON#" + video)))
                .updateExpression("SET mediaKey = :key, mediaContentType = :type")
                .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key), ":type", AttributeValue.fromS("text/html"))));
        assertThat(api.post("/courses/" + ids[0] + "/publish", creator, null).status()).isEqualTo(200);

        HttpResponse<String> response = fetchContent(ids[0], video);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).as("the stored text/html is overridden").hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("content-disposition").orElseThrow()).startsWith("attachment; filename=\"Old-upload.bin\"");
    }
}
