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
}
