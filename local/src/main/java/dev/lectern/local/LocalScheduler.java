package dev.lectern.local;

import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.local.emulators.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge Scheduler for the catalog's scheduled functions: on their schedule, and on demand. A
 * schedule whose function needs the Spark engine ({@code similarity-emr}) never runs here: there is no
 * EMR Serverless locally, and the job it would start runs in its function engine instead.
 */
final class LocalScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);

    private final FunctionPool functions;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    LocalScheduler(FunctionPool functions, Clock clock) {
        this.functions = functions;
        this.clock = clock;
    }

    void start() {
        LecternCatalog.schedules().stream().filter(LocalResources::runsLocally).forEach(this::scheduleNext);
    }

    private void scheduleNext(Scheduled schedule) {
        Instant now = clock.instant();
        Instant next = ScheduleExpression.parse(schedule.expression()).next(now);
        timer.schedule(() -> {
            try {
                run(schedule, next, Map.of());
            } catch (RuntimeException e) {
                LOG.error("scheduled run of {} failed", schedule.id(), e);
            }
            scheduleNext(schedule);
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("{} runs next at {}", schedule.id(), next);
    }

    /** Runs a schedule now, as {@code POST /_local/schedules/{name}/run} does; returns what the function returned. */
    Object runNow(String name, Map<String, String> detail) {
        Scheduled schedule = LecternCatalog.schedule(name)
                .orElseThrow(() -> ProblemException.notFound("No schedule named " + name + "; see /_local/info"));
        if (!LocalResources.runsLocally(schedule)) {
            throw new ProblemException(ProblemType.CONFLICT, name + " runs only in stages with recommendEngine=emr: it starts a job "
                    + "on EMR Serverless, which the local platform does not have"
                    + schedule.replaces().map(job -> "; POST /_local/schedules/" + job + "/run runs the same job here").orElse(""));
        }
        return run(schedule, clock.instant(), detail);
    }

    /** Runs a schedule once, in the background, as soon as the scheduler's thread is free (what --seed asks for). */
    void runInBackground(String name, Map<String, String> detail) {
        timer.execute(() -> {
            try {
                runNow(name, detail);
            } catch (RuntimeException e) {
                LOG.error("background run of {} failed", name, e);
            }
        });
    }

    private Object run(Scheduled schedule, Instant time, Map<String, String> detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schedule", schedule.id());
        event.put("time", time.toString());
        event.put("detail", detail);
        Object result = functions.invoke(schedule, event);
        LOG.info("{} ran: {}", schedule.id(), result);
        return result;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
