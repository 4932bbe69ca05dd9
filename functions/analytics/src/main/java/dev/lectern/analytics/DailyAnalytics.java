package dev.lectern.analytics;

import dev.lectern.core.sql.DuckDb;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run of {@code analytics-daily}: compacts the days of its window that have objects not yet
 * merged (late events, or days the compaction schedule has not reached), fetches their Parquet
 * files, runs the SQL files over them with DuckDB and writes the aggregates of the days it
 * computes ({@link AnalyticsWindow}) to the table, overwriting what an earlier run wrote.
 */
@Singleton
public class DailyAnalytics {

    private static final Logger LOG = LoggerFactory.getLogger(DailyAnalytics.class);

    private final EventLogCompaction compaction;
    private final EventLogStore log;
    private final AnalyticsStore store;

    public DailyAnalytics(EventLogCompaction compaction, EventLogStore log, AnalyticsStore store) {
        this.compaction = compaction;
        this.log = log;
        this.store = store;
    }

    /** What a run did, for its output and logs. */
    public record Summary(String from, String to, String readFrom, int daysCompacted, int eventsCompacted,
                          int parquetFiles, int courseDays, int platformDays, int cohorts, int itemsWritten,
                          Map<String, Long> millis) {
    }

    public Summary run(AnalyticsWindow window) {
        Map<String, Long> millis = new LinkedHashMap<>();
        long started = System.nanoTime();
        int daysCompacted = 0;
        int eventsCompacted = 0;
        for (LocalDate day : window.readDays()) {
            EventLogCompaction.Result result = compaction.compact(day);
            if (result.events() > 0) {
                daysCompacted++;
                eventsCompacted += result.events();
            }
        }
        long mark = lap(millis, "compaction", started);
        LOG.info("analytics {}..{}: compacted {} days ({} events)", window.from(), window.to(), daysCompacted, eventsCompacted);
        try (DuckDb db = DuckDb.open()) {
            int files = fetch(window, db.workDirectory().resolve("log"));
            mark = lap(millis, "fetch", mark);
            LOG.info("analytics {}..{}: fetched {} Parquet files", window.from(), window.to(), files);
            if (files == 0) {
                millis.put("total", (System.nanoTime() - started) / 1_000_000);
                return new Summary(window.from().toString(), window.to().toString(), window.readFrom().toString(),
                        daysCompacted, eventsCompacted, 0, 0, 0, 0, 0, millis);
            }
            String events = "read_parquet('" + db.workDirectory().resolve("log") + "/date=*/" + EventParquet.FILE_NAME
                    + "', hive_partitioning = true, hive_types = {'date': VARCHAR})";
            Map<String, String> parameters = AnalyticsSql.parameters(window, events);
            List<Aggregates.CourseDay> courseDays = courseDays(db, parameters);
            List<Aggregates.PlatformDay> platformDays = new ArrayList<>();
            query(db, AnalyticsSql.PLATFORM_ACTIVE, parameters, r -> platformDays.add(
                    new Aggregates.PlatformDay(r.getString("day"), r.getLong("dau"), r.getLong("wau"), r.getLong("mau"))));
            List<Aggregates.Cohort> cohorts = cohorts(db, parameters, window);
            mark = lap(millis, "sql", mark);
            LOG.info("analytics {}..{}: {} course-days, {} platform days, {} cohorts", window.from(), window.to(),
                    courseDays.size(), platformDays.size(), cohorts.size());

            Map<String, String> creators = store.creators(courseDays.stream().map(Aggregates.CourseDay::courseId)
                    .collect(Collectors.toSet()));
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            // events may name a course that does not exist (client events are checked for shape only): no figures for it
            courseDays.stream().filter(d -> creators.containsKey(d.courseId()))
                    .forEach(d -> items.add(AnalyticsStore.item(d, creators.get(d.courseId()))));
            platformDays.forEach(d -> items.add(AnalyticsStore.item(d)));
            cohorts.forEach(c -> items.add(AnalyticsStore.item(c, window.to().toString())));
            int written = store.put(items);
            lap(millis, "write", mark);
            millis.put("total", (System.nanoTime() - started) / 1_000_000);
            Summary summary = new Summary(window.from().toString(), window.to().toString(), window.readFrom().toString(),
                    daysCompacted, eventsCompacted, files, courseDays.size(), platformDays.size(), cohorts.size(), written, millis);
            LOG.info("analytics {}..{}: wrote {} items in {} ms", window.from(), window.to(), written, millis.get("total"));
            return summary;
        }
    }

    /** Downloads the window's Parquet files as {@code dir/date=YYYY-MM-DD/events.parquet}: the layout Athena's table has. */
    private int fetch(AnalyticsWindow window, Path dir) {
        int files = 0;
        for (LocalDate day : window.readDays()) {
            String key = EventParquet.key(day);
            if (log.list(key).contains(key)) {
                Path target = dir.resolve("date=" + day).resolve(EventParquet.FILE_NAME);
                try {
                    Files.createDirectories(target.getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                log.download(key, target);
                files++;
            }
        }
        return files;
    }

    private static List<Aggregates.CourseDay> courseDays(DuckDb db, Map<String, String> parameters) {
        Map<String, Map<String, Long>> revenue = new HashMap<>();
        Map<String, Map<String, Long>> refunded = new HashMap<>();
        query(db, AnalyticsSql.COURSE_REVENUE, parameters, r -> {
            String key = r.getString("course_id") + "/" + r.getString("day");
            long paid = r.getLong("paid");
            long back = r.getLong("refunded");
            if (paid != 0) {
                revenue.computeIfAbsent(key, k -> new TreeMap<>()).put(r.getString("currency"), paid);
            }
            if (back != 0) {
                refunded.computeIfAbsent(key, k -> new TreeMap<>()).put(r.getString("currency"), back);
            }
        });
        Map<String, long[]> funnel = new HashMap<>();
        query(db, AnalyticsSql.COURSE_FUNNEL, parameters, r -> funnel.put(
                r.getString("course_id") + "/" + r.getString("day"), new long[] {r.getLong("viewers"), r.getLong("converted")}));
        List<Aggregates.CourseDay> days = new ArrayList<>();
        query(db, AnalyticsSql.COURSE_DAILY, parameters, r -> {
            String courseId = r.getString("course_id");
            String day = r.getString("day");
            String key = courseId + "/" + day;
            long[] f = funnel.getOrDefault(key, new long[2]);
            days.add(new Aggregates.CourseDay(courseId, day, r.getLong("views"), r.getLong("unique_viewers"),
                    r.getLong("enrollments"), r.getLong("purchases"), r.getLong("refunds"), r.getLong("learning_seconds"),
                    r.getLong("lessons_completed"), r.getLong("lessons_active"), f[0], f[1],
                    revenue.getOrDefault(key, Map.of()), refunded.getOrDefault(key, Map.of())));
        });
        return days;
    }

    /** Cohorts of the retention window, each with a count for every week from its own to the run's (zeros included). */
    private static List<Aggregates.Cohort> cohorts(DuckDb db, Map<String, String> parameters, AnalyticsWindow window) {
        Map<String, Map<Integer, Long>> byWeek = new TreeMap<>();
        query(db, AnalyticsSql.RETENTION, parameters, r -> byWeek
                .computeIfAbsent(r.getString("cohort_week"), w -> new HashMap<>()).put(r.getInt("week_offset"), r.getLong("learners")));
        LocalDate lastWeek = window.to().minusDays(window.to().getDayOfWeek().getValue() - 1L);
        List<Aggregates.Cohort> cohorts = new ArrayList<>();
        byWeek.forEach((week, counts) -> {
            int weeks = (int) ChronoUnit.WEEKS.between(LocalDate.parse(week), lastWeek) + 1;
            List<Long> active = new ArrayList<>();
            for (int k = 0; k < weeks; k++) {
                active.add(counts.getOrDefault(k, 0L));
            }
            cohorts.add(new Aggregates.Cohort(week, active));
        });
        return cohorts;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs one SQL file with the window's parameters, logging its rows and time. */
    private static void query(DuckDb db, String file, Map<String, String> parameters, RowReader reader) {
        long started = System.nanoTime();
        int count = 0;
        try (Statement statement = db.connection().createStatement();
             ResultSet rows = statement.executeQuery(AnalyticsSql.render(file, parameters))) {
            while (rows.next()) {
                reader.read(rows);
                count++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB, " + file + ".sql: " + e.getMessage(), e);
        }
        LOG.info("{}.sql: {} rows in {} ms", file, count, (System.nanoTime() - started) / 1_000_000);
    }

    private static long lap(Map<String, Long> millis, String phase, long since) {
        long now = System.nanoTime();
        millis.put(phase, (now - since) / 1_000_000);
        return now;
    }
}
