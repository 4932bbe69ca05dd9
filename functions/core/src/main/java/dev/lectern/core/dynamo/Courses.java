package dev.lectern.core.dynamo;

import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.routes.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The part of the catalog's course items that another context may rely on: the course's sale
 * fields (read by commerce to price a checkout), its enrolment counter and the change marker that
 * tells the listings a counter moved (both written by commerce when a purchase grants or removes
 * access, inside the transaction that justifies it). The catalog owns everything else about a
 * course; this is the contract, kept in core so neither context imports the other.
 *
 * <pre>
 * PK                SK                      attributes
 * COURSE#id         META                    status (draft|published), title, creatorId, priceAmount, priceCurrency, ...
 * COURSE#id         META#STATS              enrollCount, ratingCount, ratingSum (ADD only; created by the first change)
 * COURSE_CHANGES    changedAt#id            "this course changed", expiring after a day: the feed listings refresh from
 * </pre>
 */
public final class Courses {

    public static final String PARTITION_PREFIX = "COURSE#";
    public static final String META = "META";
    public static final String STATS = "META#STATS";
    public static final String CHANGES = "COURSE_CHANGES";
    /** Long enough for every reader to have seen a marker, short enough that the feed stays small. */
    public static final Duration CHANGE_KEPT = Duration.ofDays(1);
    /** What a context that reads a course's sale fields and bumps its counters adds to its table grant. */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX, CHANGES);

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Courses() {
    }

    public static Map<String, AttributeValue> metaKey(String courseId) {
        return Items.key(PARTITION_PREFIX + courseId, META);
    }

    public static Map<String, AttributeValue> statsKey(String courseId) {
        return Items.key(PARTITION_PREFIX + courseId, STATS);
    }

    /** Fixed-width UTC timestamps, so that sort keys order as time does (Instant.toString drops zero millis). */
    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    /** The change marker {@code COURSE_CHANGES / changedAt#courseId}, expiring after {@link #CHANGE_KEPT}. */
    public static Map<String, AttributeValue> changeMarker(String courseId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(CHANGES, sortable(at) + "#" + courseId));
        item.put("type", s("courseChange"));
        item.put("courseId", s(courseId));
        item.put("expiresAt", n(at.plus(CHANGE_KEPT).getEpochSecond()));
        return item;
    }
}
