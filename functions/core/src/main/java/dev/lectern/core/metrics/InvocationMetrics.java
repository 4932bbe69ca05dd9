package dev.lectern.core.metrics;

import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The business counts of the invocation a handler instance is serving. A handler serves one
 * invocation at a time (Lambda's model, and the local platform's pool), and each has its own
 * bean context, so one instance per context is one per invocation in flight: the base handler
 * {@linkplain #drain() drains} it when the invocation ends and emits what it held.
 */
@Singleton
public class InvocationMetrics implements BusinessMetrics {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    @Override
    public synchronized void count(String metric, long n) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name");
        }
        counts.merge(metric, n, Long::sum);
    }

    /** The counts since the last drain, in the order first counted; empties this invocation's counts. */
    public synchronized Map<String, Long> drain() {
        Map<String, Long> drained = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        counts.clear();
        return drained;
    }
}
