package dev.lectern.bench;

import dev.lectern.analytics.AnalyticsStore;
import dev.lectern.analytics.AnalyticsWindow;
import dev.lectern.analytics.DailyAnalytics;
import dev.lectern.analytics.EventLog;
import dev.lectern.analytics.EventLogCompaction;
import dev.lectern.analytics.EventLogStore;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventEnvelope;
import dev.lectern.local.emulators.Emulators;
import dev.lectern.local.emulators.SharedEmulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code analytics-daily} job on a month of synthetic events (default 1,000,000; the argument
 * sets it): the event log's 30 daily Parquet files are generated with DuckDB straight into the
 * analytics bucket of the emulators (the compaction's output, without writing the JSON Lines
 * first), then one run of the job computes the default 8-day window over them — fetching the files,
 * the five SQL files, the BatchWriteItem of the aggregates. It prints the run's phases, and the
 * process's resident memory before and at its peak during the run (sampled every 20 ms; the
 * emulators live in the same process, so the increase is what the job added). Then the compaction
 * of one day of 100,000 events in 200 JSON Lines objects, for its cost per event.
 * One measured run per launch: the docs' command launches it several times.
 */
public final class AnalyticsDailyBenchmark {

    private static final LocalDate LAST_DAY = LocalDate.parse("2026-10-30");
    private static final int DAYS = 30;
    private static final int COURSES = 1000;
    private static final int COMPACTION_EVENTS = 100_000;

    private AnalyticsDailyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Emulators emulators = SharedEmulators.get();
        LecternConfig config = emulators.resources().config(SharedEmulators.STAGE);
        EventLogStore log = new EventLogStore(emulators.s3(), config);

        long t0 = System.nanoTime();
        long parquetBytes = generate(log, events);
        System.out.printf("generated %,d events in %d Parquet files (%,.1f MB, %.1f bytes an event) in %.1f s%n", events, DAYS,
                parquetBytes / 1e6, (double) parquetBytes / events, (System.nanoTime() - t0) / 1e9);

        DailyAnalytics job = new DailyAnalytics(new EventLogCompaction(log), log, new AnalyticsStore(emulators.dynamoDb(), config));
        System.gc();
        long before = rssKb();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        DailyAnalytics.Summary summary = job.run(new AnalyticsWindow(LAST_DAY, AnalyticsWindow.DEFAULT_DAYS));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.out.printf("analytics-daily over %,d events: %.2f s %s; %d course-days, %d platform days, %d cohorts, %d items; "
                        + "RSS %,d MB before, peak %,d MB (+%,d MB)%n", events, seconds, summary.millis(), summary.courseDays(),
                summary.platformDays(), summary.cohorts(), summary.itemsWritten(), before / 1024, peak.get() / 1024,
                (peak.get() - before) / 1024);

        compaction(log);
        System.exit(0);
    }

    /** Writes one Parquet file a day, {@code events / 30} rows each, with the columns and types compaction writes. */
    private static long generate(EventLogStore log, long events) throws SQLException, IOException {
        long perDay = events / DAYS;
        long learners = Math.max(1, events / 25);
        Path dir = Files.createTempDirectory("lectern-bench-parquet");
        long bytes = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET temp_directory = '" + dir.resolve("spill") + "'");
            for (int d = 0; d < DAYS; d++) {
                LocalDate day = LAST_DAY.minusDays(DAYS - 1L - d);
                Path file = dir.resolve(day + ".parquet");
                sql.execute("COPY (" + rows(day, perDay, learners, d) + ") TO '" + file + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
                log.upload("events-parquet/date=" + day + "/events.parquet", file, "application/vnd.apache.parquet");
                bytes += Files.size(file);
                Files.delete(file);
            }
        }
        return bytes;
    }

    /** A day's synthetic rows: the type mix of the end-to-end test's generator, users, devices and courses by hash. */
    private static String rows(LocalDate day, long n, long learners, int seed) {
        String h = "hash(i + " + (seed * 1_000_000_007L) + ")";
        return "WITH base AS (SELECT i, " + h + " AS h FROM range(" + n + ") r(i)), "
                + "typed AS (SELECT i, h, CASE WHEN h % 100 < 35 THEN 'course_viewed' WHEN h % 100 < 40 THEN 'anonymous_view' "
                + "WHEN h % 100 < 47 THEN 'enrolled' WHEN h % 100 < 51 THEN 'order_paid' WHEN h % 100 < 52 THEN 'order_refunded' "
                + "WHEN h % 100 < 62 THEN 'lesson_started' WHEN h % 100 < 88 THEN 'lesson_progress' WHEN h % 100 < 95 THEN 'lesson_completed' "
                + "WHEN h % 100 < 98 THEN 'search_performed' ELSE 'review_posted' END AS kind FROM base) "
                + "SELECT '" + day + "-' || i AS id, "
                + "CASE WHEN kind = 'anonymous_view' THEN 'course_viewed' ELSE kind END AS type, "
                + "TIMESTAMP '" + day + " 00:00:00' + to_seconds(CAST((h >> 7) % 86400 AS BIGINT)) AS occurred_at, "
                + "CASE WHEN kind <> 'anonymous_view' THEN 'u' || ((h >> 17) % " + learners + ") END AS user_id, "
                + "CASE WHEN kind = 'anonymous_view' THEN 'd' || ((h >> 17) % 1000000) END AS device_id, "
                + "CASE WHEN kind <> 'search_performed' THEN 'c' || ((h >> 37) % " + COURSES + ") END AS course_id, "
                + "CASE WHEN kind LIKE 'lesson_%' THEN 'l' || ((h >> 47) % 20) END AS lesson_id, "
                + "CASE WHEN kind IN ('order_paid', 'order_refunded') THEN 'o' || i END AS order_id, "
                + "CASE WHEN kind = 'lesson_progress' THEN CAST(1 + (h >> 52) % 300 AS BIGINT) END AS seconds, "
                + "CASE WHEN kind = 'lesson_progress' THEN CAST((h >> 40) % 3600 AS BIGINT) END AS position_seconds, "
                + "CASE WHEN kind IN ('order_paid', 'order_refunded') THEN CAST(1999 AS BIGINT) END AS amount, "
                + "CASE WHEN kind IN ('order_paid', 'order_refunded') THEN 'usd' END AS currency, "
                + "CASE WHEN kind = 'search_performed' THEN 'java' END AS query, "
                + "CASE WHEN kind = 'search_performed' THEN CAST(12 AS INTEGER) END AS result_count, "
                + "CASE WHEN kind = 'review_posted' THEN CAST(1 + (h >> 40) % 5 AS INTEGER) END AS rating, "
                + "CASE WHEN kind IN ('course_viewed', 'anonymous_view') THEN 'catalog' END AS source, "
                + "CAST(NULL AS VARCHAR) AS model_version, CAST(NULL AS VARCHAR) AS reason, CAST(NULL AS INTEGER) AS \"position\", "
                + "'corr-' || i AS correlation_id FROM typed";
    }

    /** One day of 100,000 events archived in 200 objects of 500, then compacted (JSON Lines and Parquet). */
    private static void compaction(EventLogStore log) {
        LocalDate day = LAST_DAY.plusDays(1);
        Random random = new Random(1);
        List<EventEnvelope> batch = new ArrayList<>();
        Instant midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int i = 0; i < COMPACTION_EVENTS; i++) {
            Behaviour behaviour = new Behaviour.LessonProgress("u" + random.nextInt(4000), "c" + random.nextInt(COURSES),
                    "l" + random.nextInt(20), 30, random.nextInt(3600));
            batch.add(behaviour.envelope(dev.lectern.core.ids.Ids.newId(), midnight.plusSeconds(random.nextInt(86_400)), "corr"));
            if (batch.size() == 500) {
                log.write(EventLog.batchObject(day, dev.lectern.core.ids.Ids.newId()), batch);
                batch.clear();
            }
        }
        long start = System.nanoTime();
        EventLogCompaction.Result result = new EventLogCompaction(log).compact(day);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("compaction of one day: %,d events in %d objects in %.2f s (%.1f µs an event)%n", result.events(),
                result.objectsRead(), seconds, seconds * 1e6 / result.events());
    }

    /** The process's resident set, from /proc (Linux). */
    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
