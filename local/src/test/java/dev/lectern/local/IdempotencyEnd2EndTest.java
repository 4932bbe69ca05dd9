package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A create retried with the same Idempotency-Key creates once and answers the first result again. */
class IdempotencyEnd2EndTest extends LocalPlatformTest {

    private static final String COURSE = "{\"title\":\"Once\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}}";

    private static ApiClient.Response create(String token, String key, String body) {
        return api.send("POST", "/courses", token, body, Map.of("Idempotency-Key", key));
    }

    private static int coursesOf(String token) {
        String creatorId = JWT.decode(token).getSubject();
        return platform.emulators().dynamoDb().query(b -> b.tableName(platform.emulators().resources().tableName())
                .indexName("GSI2").keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CREATOR#" + creatorId)))).count();
    }

    @Test
    void aRetryReplaysTheFirstResultAndCreatesNothingMore() {
        String creator = signUp(true);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = create(creator, key, COURSE);
        ApiClient.Response retry = create(creator, key, COURSE);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(retry.header("location")).isEqualTo(first.header("location"));
        assertThat(retry.header("etag")).isEqualTo(first.header("etag"));
        assertThat(retry.header("idempotent-replayed")).isEqualTo("true");
        assertThat(first.header("idempotent-replayed")).isNull();
        assertThat(coursesOf(creator)).isEqualTo(1);
    }

    @Test
    void theSameKeyForAnotherRequestIs422AndAFailedRequestReleasesItsKey() {
        String creator = signUp(true);
        String key = UUID.randomUUID().toString();

        ApiClient.Response invalid = create(creator, key, COURSE.replace("\"en\"", "\"english!\""));
        ApiClient.Response corrected = create(creator, key, COURSE);
        ApiClient.Response other = create(creator, key, COURSE.replace("Once", "Twice"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("content-type")).contains("application/problem+json");
        assertThat(coursesOf(creator)).isEqualTo(1);
        assertThat(create(creator, "x".repeat(256), COURSE).status()).isEqualTo(400);
        assertThat(create(creator, "bad key", COURSE).status()).isEqualTo(400);
    }

    @Test
    void keysBelongToTheirCaller() {
        String ann = signUp(true);
        String bob = signUp(true);
        String key = UUID.randomUUID().toString();

        String annCourse = create(ann, key, COURSE).json().get("id").asText();
        String bobCourse = create(bob, key, COURSE).json().get("id").asText();

        assertThat(bobCourse).isNotEqualTo(annCourse);
        assertThat(coursesOf(ann)).isEqualTo(1);
        assertThat(coursesOf(bob)).isEqualTo(1);
    }

    @Test
    void parallelRetriesCreateOnce() throws Exception {
        String creator = signUp(true);
        String key = UUID.randomUUID().toString();
        List<Future<ApiClient.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> create(creator, key, COURSE)));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiClient.Response> f : futures) {
            statuses.add(f.get().status());
        }

        assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
        assertThat(coursesOf(creator)).isEqualTo(1);
    }

    @Test
    void registrationIsNotKeyed() {
        // its body holds a password, which no idempotency record may keep: a retried registration is
        // 409 for its email, and the client signs in
        String body = "{\"email\":\"idem-" + UUID.randomUUID() + "@example.com\",\"password\":\"correct horse battery\",\"displayName\":\"Ida\"}";
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = api.send("POST", "/auth/register", null, body, Map.of("Idempotency-Key", key));
        ApiClient.Response retry = api.send("POST", "/auth/register", null, body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(platform.emulators().dynamoDb().scan(b -> b.tableName(platform.emulators().resources().tableName())
                .filterExpression("begins_with(PK, :p)").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("IDEMPOTENCY#identity"))))
                .count()).isZero();
    }
}
