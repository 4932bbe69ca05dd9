package dev.lectern.recommend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learner × course strengths as one SQL statement ({@code recommend/interactions.sql}) over the
 * behaviour event log's daily Parquet files, for either engine: the function job runs it on DuckDB,
 * the Spark job on Spark SQL. Both fill the same file; only the table and the age expression differ.
 */
public final class InteractionsQuery {

    /** How far back behaviour counts; older behaviour has decayed to a sixteenth by then anyway. */
    public static final Duration WINDOW = Duration.ofDays(240);
    /** Behaviour loses half its weight every this many days. */
    public static final int HALF_LIFE_DAYS = 60;
    /** Where the analytics context's compaction writes a day's events: {@code events-parquet/date=YYYY-MM-DD/events.parquet}. */
    public static final String PARQUET_ROOT = "events-parquet/";

    private static final Pattern DAY_FILE = Pattern.compile("^" + PARQUET_ROOT + "date=(\\d{4}-\\d{2}-\\d{2})/events\\.parquet$");
    private static final String RESOURCE = "/recommend/interactions.sql";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z_]+)}}");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** How each engine writes an event's age in seconds at {@code until} (a SQL timestamp literal's text). */
    public enum Engine {
        DUCKDB {
            @Override
            String ageSeconds(String until) {
                return "epoch(TIMESTAMP '" + until + "' - occurred_at)";
            }
        },
        SPARK {
            @Override
            String ageSeconds(String until) {
                // the log's occurred_at is a timestamp without zone (TIMESTAMP_NTZ to Spark), read as UTC by the session
                return "((unix_micros(TIMESTAMP '" + until + "') - unix_micros(CAST(occurred_at AS TIMESTAMP))) / 1e6)";
            }
        };

        abstract String ageSeconds(String until);
    }

    private InteractionsQuery() {
    }

    /**
     * Whether a run until {@code until} reads the object {@code key}: a day's Parquet file of the window, or of
     * the day before it (an event late that day may fall inside the window; the SQL keeps only those).
     */
    public static boolean reads(String key, Instant until) {
        Matcher day = DAY_FILE.matcher(key);
        if (!day.matches()) {
            return false;
        }
        Instant start = LocalDate.parse(day.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !start.isBefore(until.minus(WINDOW).minus(Duration.ofDays(1))) && start.isBefore(until);
    }

    /** The behaviour from {@link #WINDOW} before {@code until} to {@code until}, read from {@code events} (a table expression). */
    public static String sql(Engine engine, String events, Instant until) {
        String untilText = SQL_TIME.format(until);
        Map<String, String> parameters = Map.of(
                "events", events,
                "from", SQL_TIME.format(until.minus(WINDOW)),
                "until", untilText,
                "age_seconds", engine.ageSeconds(untilText),
                "half_life_days", Integer.toString(HALF_LIFE_DAYS));
        Matcher matcher = PLACEHOLDER.matcher(text());
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(RESOURCE + " needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(sql, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }

    private static String text() {
        try (InputStream in = InteractionsQuery.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no SQL file " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
