package dev.lectern.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sample invocation events, one per function, as the AWS service would deliver them. Tests
 * invoke the real handlers with them; people read them to see what a function receives.
 */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** The text of {@code samples/<name>} from this module's resources. */
    public static String text(String name) {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
