package dev.lectern.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
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

    static final String PASSWORD = "correct horse battery";

    /** A new account, signed in; with {@code creator} its access token already carries the creator role. */
    static String signUp(boolean creator) {
        String email = "u-" + UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Cleo\"}");
        JsonNode tokens = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").json();
        if (!creator) {
            return tokens.get("accessToken").asText();
        }
        api.post("/me/roles/creator", tokens.get("accessToken").asText(), null);
        return api.post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}")
                .json().get("accessToken").asText();
    }
}
