package dev.lectern.local.emulators;

import dev.lectern.core.auth.AuthConfig;
import dev.lectern.core.routes.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One set of emulators per test JVM, started on first use and stopped when the JVM exits, with
 * every resource's variable published as system properties (which {@code LecternConfig} reads
 * when no function environment is bound), so that a store or a handler built with its
 * no-argument constructor talks to the emulators. A test that wants exactly what one function
 * is granted runs it inside {@code FunctionEnvironment.callWith(environmentFor(spec), ...)}.
 */
public final class SharedEmulators {

    public static final String STAGE = "test";
    /** No Stripe answers here: functions start (they read their keys at init) and fail if they call it. */
    private static final String UNREACHABLE_STRIPE = "http://127.0.0.1:9";
    private static Emulators instance;
    private static LocalResources resources;
    private static LocalResources.KeyFiles keyFiles;

    private SharedEmulators() {
    }

    public static synchronized Emulators get() {
        if (instance == null) {
            if (resources != null) {
                throw new IllegalStateException("this JVM uses emulators running in another process");
            }
            Emulators emulators = Emulators.start(Emulators.Options.forTests());
            publish(emulators.resources());
            Runtime.getRuntime().addShutdownHook(new Thread(emulators::close, "emulators-stop"));
            instance = emulators;
        }
        return instance;
    }

    /**
     * Uses emulators already running in another process instead of starting them here: a benchmark
     * keeps the storage's CPU, heap and compiler apart from the functions', as on AWS.
     */
    public static synchronized void attach(LocalResources running) {
        if (resources != null) {
            throw new IllegalStateException("this JVM already uses emulators");
        }
        publish(running);
    }

    private static void publish(LocalResources running) {
        running.sharedEnvironment(STAGE).forEach(System::setProperty);
        Path keys = LocalKeys.temporary();
        keyFiles = new LocalResources.KeyFiles(keys, LocalKeys.publicCopy(keys), unusedStripeKeys(), UNREACHABLE_STRIPE);
        System.setProperty(AuthConfig.KEYS_FILE, keys.toString());
        resources = running;
    }

    private static synchronized LocalResources resources() {
        if (resources == null) {
            get();
        }
        return resources;
    }

    private static Path unusedStripeKeys() {
        try {
            Path file = Files.createTempFile("lectern-stripe-keys", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, "{\"apiKey\":\"sk_test_unused\",\"webhookSecret\":\"whsec_unused\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly the environment the stack gives this function, against the shared emulators. */
    public static Map<String, String> environmentFor(FunctionSpec function) {
        return resources().functionEnvironment(function, STAGE, keyFiles);
    }

    /** Runs {@code work} with some function environment values replaced, then restores them. */
    public static void withEnvironment(Map<String, String> overrides, Runnable work) {
        resources();
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
