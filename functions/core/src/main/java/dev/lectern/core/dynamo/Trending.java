package dev.lectern.core.dynamo;

import dev.lectern.core.routes.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hourly activity counters per course, the near-real-time signal behind "trending": the
 * behaviour consumer (analytics) adds to them as events arrive; the catalog's trending route and
 * recommendations read the last {@link #WINDOW} of them. Kept in core because one context writes
 * them and others read them.
 *
 * <pre>
 * PK                         SK               attributes
 * TRENDING#2026-11-28T16     COURSE#courseId  views, enrollments, purchases, completions (ADD only), expiresAt
 * </pre>
 * One partition per UTC hour keeps every hour a single Query and spreads writes over time; items
 * expire a week after their hour. The counts are approximate: a batch the consumer retries after
 * a partial failure adds its events again (documented in docs/architecture.md, "Trending").
 */
public final class Trending {

    public static final String PARTITION_PREFIX = "TRENDING#";
    public static final String SORT_PREFIX = "COURSE#";
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);
    /** How far back the trending score looks. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** Counters outlive the window so an operator can still look at last week's hours. */
    public static final Duration KEPT = Duration.ofDays(7);

    /** What one event is worth in the score: a purchase says more than an enrolment, an enrolment more than a view. */
    public static final long VIEW_WEIGHT = 1;
    public static final long ENROLLMENT_WEIGHT = 5;
    public static final long PURCHASE_WEIGHT = 10;
    public static final long COMPLETION_WEIGHT = 2;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private Trending() {
    }

    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    public static String partition(Instant hour) {
        return PARTITION_PREFIX + HOUR.format(hour);
    }

    public static Map<String, AttributeValue> key(Instant hour, String courseId) {
        return Items.key(partition(hour), SORT_PREFIX + courseId);
    }

    /** The weighted activity of one counter item. */
    public static long score(long views, long enrollments, long purchases, long completions) {
        return views * VIEW_WEIGHT + enrollments * ENROLLMENT_WEIGHT + purchases * PURCHASE_WEIGHT + completions * COMPLETION_WEIGHT;
    }
}
