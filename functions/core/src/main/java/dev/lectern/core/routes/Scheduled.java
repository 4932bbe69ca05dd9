package dev.lectern.core.routes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A function run on a schedule (EventBridge Scheduler in AWS, the local scheduler on a laptop).
 *
 * @param expression {@code rate(1 hour)} or {@code cron(15 0 * * ? *)} in EventBridge's syntax, UTC
 * @param replaces   another schedule of the same context, on the same expression, that this one
 *                   takes over wherever this one is deployed: that function stays, run by hand only
 *                   (a job with a second engine that only some stages have)
 * @param jit        how far its JVM compiles on AWS: {@link Jit#QUICK_START} unless the job's loops
 *                   run long enough to need C2 ({@link #forThroughput()})
 */
public record Scheduled(String id, String expression, String module, Class<?> handlerClass, int memoryMb,
                        int timeoutSeconds, List<Access> access, String description, Optional<String> replaces, Jit jit)
        implements FunctionSpec {

    public Scheduled {
        access = List.copyOf(access);
        Objects.requireNonNull(replaces);
        Objects.requireNonNull(jit);
    }

    public Scheduled(String id, String expression, String module, Class<?> handlerClass, int memoryMb, int timeoutSeconds,
                     List<Access> access, String description, Optional<String> replaces) {
        this(id, expression, module, handlerClass, memoryMb, timeoutSeconds, access, description, replaces, Jit.QUICK_START);
    }

    public Scheduled(String id, String expression, String module, Class<?> handlerClass, int memoryMb, int timeoutSeconds,
                     List<Access> access, String description) {
        this(id, expression, module, handlerClass, memoryMb, timeoutSeconds, access, description, Optional.empty());
    }

    /** The same schedule, compiled up to C2 on AWS ({@link Jit#THROUGHPUT}): for a compute-bound job. */
    public Scheduled forThroughput() {
        return new Scheduled(id, expression, module, handlerClass, memoryMb, timeoutSeconds, access, description, replaces, Jit.THROUGHPUT);
    }

    /**
     * What one context's schedules must hold for {@link #replaces}: the replaced schedule is one of
     * them, on the same expression, and is not itself a replacement.
     */
    public static void checkReplacements(List<Scheduled> schedules) {
        for (Scheduled s : schedules) {
            if (s.replaces().isEmpty()) {
                continue;
            }
            String replaced = s.replaces().get();
            Scheduled other = schedules.stream().filter(o -> o.id().equals(replaced)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(s.id() + " replaces " + replaced + ", which is no schedule of " + s.module()));
            if (!other.expression().equals(s.expression()) || other.replaces().isPresent()) {
                throw new IllegalStateException(s.id() + " replaces " + replaced + ": both must run on the same expression ("
                        + s.expression() + " against " + other.expression() + ") and the replaced one may replace nothing");
            }
        }
    }
}
