package dev.lectern.learning;

import dev.lectern.core.config.FunctionEnvironment;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.function.UnaryOperator;

/**
 * How many {@code POST /events} requests an anonymous sender may make a minute, from the
 * function's environment with defaults (docs/api.md). Counted per device id and per client network
 * (an IPv4 address or an IPv6 /64): a device that rotates its id is still held by its network, and
 * a network is allowed enough for the devices behind one NAT (a school, an office).
 *
 * @param perDevice  {@code LECTERN_EVENTS_PER_DEVICE_MINUTE}, default 30 (a client batches: one request every few seconds)
 * @param perNetwork {@code LECTERN_EVENTS_PER_NETWORK_MINUTE}, default 600
 */
public record LearningSettings(int perDevice, int perNetwork) {

    public static final String PER_DEVICE = "LECTERN_EVENTS_PER_DEVICE_MINUTE";
    public static final String PER_NETWORK = "LECTERN_EVENTS_PER_NETWORK_MINUTE";
    public static final LearningSettings DEFAULTS = new LearningSettings(30, 600);

    public LearningSettings {
        if (perDevice < 1 || perNetwork < 1) {
            throw new IllegalArgumentException(PER_DEVICE + " and " + PER_NETWORK + " must be at least 1");
        }
    }

    public static LearningSettings from(UnaryOperator<String> lookup) {
        String device = lookup.apply(PER_DEVICE);
        String network = lookup.apply(PER_NETWORK);
        return new LearningSettings(device == null ? DEFAULTS.perDevice() : Integer.parseInt(device.trim()),
                network == null ? DEFAULTS.perNetwork() : Integer.parseInt(network.trim()));
    }

    /** Built once per function at init. */
    @Factory
    static class Beans {
        @Singleton
        LearningSettings learningSettings() {
            return LearningSettings.from(name -> FunctionEnvironment.lookup(name).orElse(null));
        }
    }
}
