package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What probing found stored or coerced, refused end to end: wrong types and fractions, prices
 * past a currency's ceiling, control, zero-width and bidirectional characters in titles,
 * duplicate keys. Each answer is a 400 naming the field, and nothing is stored.
 */
class InputRulesEnd2EndTest extends LocalPlatformTest {

    private static final String VALID = "\"language\":\"en\",\"level\":\"beginner\",\"price\":{\"amount\":1999,\"currency\":\"usd\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fractional amount   | {\"title\":\"T\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":19.99,\"currency\":\"usd\"}} | price.amount | whole number",
            "amount as text      | {\"title\":\"T\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":\"1999\",\"currency\":\"usd\"}} | price.amount | whole number",
            "above usd ceiling   | {\"title\":\"T\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":1000001,\"currency\":\"usd\"}} | price.amount | between",
            "numbers as tags     | {\"title\":\"T\",\"tags\":[1,2]," + "\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | tags[0] | string",
            "boolean as title    | {\"title\":true,\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | title | string",
            "NUL in title        | {\"title\":\"a\\u0000b\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | title | control characters",
            "zero-width title    | {\"title\":\"\\u200b\\u200b\\u2060\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | title | visible",
            "bidi override title | {\"title\":\"abc\\u202edcba\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | title | bidirectional",
            "two-line title      | {\"title\":\"a\\nb\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | title | single line",
            "duplicate key       | {\"title\":\"A\",\"title\":\"B\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}} | title | more than once",
    })
    void aCourseWithBadInputIsRefusedAndNotStored(String what, String body, String field, String message) {
        String creator = signUp(true);

        ApiClient.Response response = api.post("/courses", creator, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("content-type")).contains("application/problem+json");
        assertThat(response.json().get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("message").asText()).contains(message);
        });
        assertThat(response.body()).doesNotContain("Feature").doesNotContain("jackson").doesNotContain("java.");
        String creatorId = JWT.decode(creator).getSubject();
        var stored = platform.emulators().dynamoDb().query(b -> b.tableName(platform.emulators().resources().tableName())
                .indexName("GSI2").keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CREATOR#" + creatorId))));
        assertThat(stored.count()).as("courses stored for the creator").isZero();
    }

    @ParameterizedTest(name = "rating {0}")
    @CsvSource({"4.7", "'\"5\"'", "true", "6", "0"})
    void aReviewRatingIsAWholeNumberFromOneToFive(String rating) {
        String creator = signUp(true);
        String learner = signUp(false);
        JsonNode course = api.post("/courses", creator, "{\"title\":\"Rated\"," + VALID.replace("1999", "0") + "}").json();
        String courseId = course.get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        api.post("/courses/" + courseId + "/lessons", creator,
                "{\"sectionId\":\"" + section + "\",\"title\":\"L\",\"kind\":\"article\",\"body\":\"# x\"}");
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        assertThat(api.post("/courses/" + courseId + "/enroll", learner, null).status()).isEqualTo(200);

        ApiClient.Response response = api.post("/courses/" + courseId + "/reviews", learner, "{\"rating\":" + rating + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("rating");
        assertThat(api.get("/courses/" + courseId + "/reviews", null).json().get("items")).isEmpty();
        assertThat(api.get("/courses/" + courseId, null).json().at("/rating/count").asLong()).isZero();
    }

    private static String publishedArticleCourse(String creator) {
        String courseId = api.post("/courses", creator, "{\"title\":\"Paged\"," + VALID.replace("1999", "0") + "}").json().get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"S\"}").json().get("id").asText();
        api.post("/courses/" + courseId + "/lessons", creator,
                "{\"sectionId\":\"" + section + "\",\"title\":\"L\",\"kind\":\"article\",\"body\":\"# x\"}");
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        return courseId;
    }

    private static String base64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void aCursorOnlyWorksForTheListThatMadeIt() {
        String creator = signUp(true);
        String first = publishedArticleCourse(creator);
        String second = publishedArticleCourse(creator);
        for (int i = 0; i < 2; i++) {
            String learner = signUp(false);
            api.post("/courses/" + first + "/enroll", learner, null);
            assertThat(api.post("/courses/" + first + "/reviews", learner, "{\"rating\":5}").status()).isEqualTo(201);
        }
        String cursor = api.get("/courses/" + first + "/reviews?limit=1", null).json().get("nextCursor").asText();
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(api.get("/courses/" + first + "/reviews?limit=1&cursor=" + cursor, null).status()).isEqualTo(200);
        java.util.List<String> refused = java.util.List.of(
                "/courses/" + second + "/reviews?cursor=" + cursor,
                "/courses/" + first + "/reviews?cursor=" + base64(decoded.replace("REVIEWS#" + first, "REVIEWS#" + second)),
                "/courses/" + first + "/reviews?cursor=" + base64(decoded.replace("REVIEWS#" + first, "COURSE#" + first)),
                "/courses/" + first + "/reviews?cursor=" + base64("{\"PK\":\"x\"}"),
                "/courses/" + first + "/reviews?cursor=" + base64("[1,2]"),
                "/courses/" + first + "/reviews?cursor=not-base64!",
                "/courses/" + first + "/reviews?cursor=" + "A".repeat(3000),
                "/courses?cursor=" + cursor,
                "/courses?sort=popular&cursor=" + base64("offset:2147483647"),
                "/courses?sort=rating&cursor=" + base64("offset:-5"));
        assertThat(refused).allSatisfy(path -> {
            ApiClient.Response response = api.get(path, null);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("cursor");
        });
    }

    @org.junit.jupiter.api.Test
    void anIdOfAnotherShapeNamesNothingAndNeverReachesTheTable() {
        String learner = signUp(false);
        String creator = signUp(true);
        String courseId = publishedArticleCourse(creator);
        String longId = "X".repeat(3000);

        assertThat(java.util.List.of(
                api.post("/courses/" + longId + "/enroll", learner, null),
                api.get("/courses/" + longId + "/lessons/" + longId + "/content", learner),
                api.send("PATCH", "/courses/" + courseId + "/sections/" + longId, creator, "{\"title\":\"x\"}"),
                api.send("DELETE", "/courses/" + courseId + "/lessons/" + longId, creator, null),
                api.get("/courses/" + longId + "/reviews", null),
                api.get("/courses/a%2Fb", null),
                api.get("/creators/" + longId, null)))
                .allSatisfy(response -> assertThat(response.status()).as(response.body()).isEqualTo(404));
        ApiClient.Response lesson = api.post("/courses/" + courseId + "/lessons", creator,
                "{\"sectionId\":\"" + longId + "\",\"title\":\"L\",\"kind\":\"article\",\"body\":\"b\"}");
        assertThat(lesson.status()).isEqualTo(400);
        assertThat(lesson.json().at("/errors/0/field").asText()).isEqualTo("sectionId");
    }

    @org.junit.jupiter.api.Test
    void aScheduleRunWithABadDateIs400() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        platform.apiUrl() + "/_local/schedules/event-log-compaction/run"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"detail\":{\"date\":\"2026-13-45\"}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("detail").doesNotContain("Exception");
    }
}
