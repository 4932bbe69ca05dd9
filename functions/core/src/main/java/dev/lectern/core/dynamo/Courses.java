package dev.lectern.core.dynamo;

import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.routes.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
 * COURSE#id         SECTION#sectionId       position (the syllabus orders sections by position, then id)
 * COURSE#id         LESSON#lessonId         sectionId, position, kind, durationSeconds?, freePreview (read by learning:
 *                                           whether a lesson exists, is a free preview, how long it is; its place in the syllabus)
 * </pre>
 */
public final class Courses {

    public static final String PARTITION_PREFIX = "COURSE#";
    public static final String META = "META";
    public static final String STATS = "META#STATS";
    public static final String CHANGES = "COURSE_CHANGES";
    /** Every published course's META item is in this GSI1 partition (the catalog's listing, newest first). */
    public static final String PUBLISHED_INDEX = "GSI1";
    public static final String PUBLISHED_PARTITION = "PUBLISHED";
    public static final String SECTION_PREFIX = "SECTION#";
    public static final String LESSON_PREFIX = "LESSON#";
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

    public static Map<String, AttributeValue> lessonKey(String courseId, String lessonId) {
        return Items.key(PARTITION_PREFIX + courseId, LESSON_PREFIX + lessonId);
    }

    /** Whether a course's META item says it is published. */
    public static boolean isPublished(Map<String, AttributeValue> meta) {
        return meta != null && meta.containsKey("status") && "published".equals(meta.get("status").s());
    }

    /**
     * The lesson ids of a course in syllabus order, from the items of its partition (one Query):
     * sections by position then id, each section's lessons by position then id, as the catalog shows
     * the syllabus. A lesson whose section is gone is not in the syllabus.
     */
    public static List<String> syllabusOrder(Collection<Map<String, AttributeValue>> partitionItems) {
        record Placed(String id, int position) {
        }
        List<Placed> sections = new ArrayList<>();
        Map<String, List<Placed>> lessons = new HashMap<>();
        for (Map<String, AttributeValue> item : partitionItems) {
            String sk = item.get("SK").s();
            if (sk.startsWith(SECTION_PREFIX)) {
                sections.add(new Placed(sk.substring(SECTION_PREFIX.length()), position(item)));
            } else if (sk.startsWith(LESSON_PREFIX) && item.containsKey("sectionId")) {
                lessons.computeIfAbsent(item.get("sectionId").s(), s -> new ArrayList<>())
                        .add(new Placed(sk.substring(LESSON_PREFIX.length()), position(item)));
            }
        }
        Comparator<Placed> order = Comparator.comparingInt(Placed::position).thenComparing(Placed::id);
        return sections.stream().sorted(order)
                .flatMap(section -> lessons.getOrDefault(section.id(), List.of()).stream().sorted(order))
                .map(Placed::id).toList();
    }

    /**
     * A course's lesson ids in syllabus order, read with one Query of its partition projected to
     * the sections' and lessons' places (an article's body is not transferred, though its size
     * still counts in the read units).
     */
    public static List<String> syllabus(DynamoDbClient dynamoDb, String table, String courseId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(PARTITION_PREFIX + courseId)))
                        .projectionExpression("SK, sectionId, #position")
                        .expressionAttributeNames(Map.of("#position", "position")))
                .items().forEach(items::add);
        return syllabusOrder(items);
    }

    private static int position(Map<String, AttributeValue> item) {
        return item.containsKey("position") ? Integer.parseInt(item.get("position").n()) : 0;
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
