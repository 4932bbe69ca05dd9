package dev.lectern.infra;

import java.util.regex.Pattern;

/**
 * What differs between stages. A stage whose name starts with {@code dev} or {@code test} is
 * disposable: its table and buckets go with the stack. Every other stage keeps them, with
 * deletion protection on.
 */
public record StageSettings(String stage) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    public StageSettings {
        if (!NAME.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage must be 1-20 lower-case letters, digits or dashes, starting with a letter: " + stage);
        }
    }

    public boolean disposable() {
        return stage.startsWith("dev") || stage.startsWith("test");
    }

    /** Steady-state requests per second across the API, and the burst above it. */
    public int throttleRateLimit() {
        return disposable() ? 50 : 500;
    }

    public int throttleBurstLimit() {
        return disposable() ? 100 : 1000;
    }

    /** The sign-in routes (/auth/*): Argon2 makes each call expensive, and they are what attackers hammer. */
    public int authThrottleRateLimit() {
        return disposable() ? 5 : 20;
    }

    public int authThrottleBurstLimit() {
        return disposable() ? 10 : 40;
    }
}
