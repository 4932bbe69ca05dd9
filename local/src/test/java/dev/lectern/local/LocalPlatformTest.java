package dev.lectern.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of end-to-end tests: one local platform per test class, in memory, on free ports, with a
 * 1 s queue visibility so that retries and DLQ redrive happen within the test.
 */
abstract class LocalPlatformTest {

    static LocalPlatform platform;
    static ApiClient api;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.start(new LocalPlatform.Options(0, null, true, false, 1));
        api = new ApiClient(platform.apiUrl());
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    /** A new account named Cleo, signed in; with {@code creator} its access token already carries the creator role. */
    static String signUp(boolean creator) {
        return api.signUp(creator);
    }

    /**
     * A new administrator's access token. The first admin of a deployment is made by an operator
     * tool (docs/operations.md), not through the API; tests do it by writing the role directly.
     */
    static String adminToken() {
        String email = "admin-" + java.util.UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Ada\"}");
        String login = "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}";
        String adminId = com.auth0.jwt.JWT.decode(api.post("/auth/login", null, login).json().get("accessToken").asText()).getSubject();
        platform.emulators().dynamoDb().updateItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(java.util.Map.of("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("USER#" + adminId),
                        "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PROFILE")))
                .updateExpression("SET #r = :r").expressionAttributeNames(java.util.Map.of("#r", "roles"))
                .expressionAttributeValues(java.util.Map.of(":r",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(java.util.List.of("learner", "admin")))));
        return api.post("/auth/login", null, login).json().get("accessToken").asText();
    }
}
