package dev.lectern.local.emulators;

import dev.lectern.core.auth.AuthConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * One set of emulators per test JVM, started on first use and stopped when the JVM exits, with
 * the function environment published as system properties (which {@code LecternConfig} reads
 * after environment variables), so that a handler built with its no-argument constructor, as
 * Lambda builds it, talks to the emulators.
 */
public final class SharedEmulators {

    public static final String STAGE = "test";
    private static Emulators instance;

    private SharedEmulators() {
    }

    public static synchronized Emulators get() {
        if (instance == null) {
            Emulators emulators = Emulators.start(Emulators.Options.forTests());
            emulators.resources().functionEnvironment(STAGE).forEach(System::setProperty);
            System.setProperty(AuthConfig.KEYS_FILE, LocalKeys.temporary().toString());
            Runtime.getRuntime().addShutdownHook(new Thread(emulators::close, "emulators-stop"));
            instance = emulators;
        }
        return instance;
    }

    /** Runs {@code work} with some function environment values replaced, then restores them. */
    public static void withEnvironment(Map<String, String> overrides, Runnable work) {
        get();
        Map<String, String> previous = new HashMap<>();
        overrides.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            work.run();
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
