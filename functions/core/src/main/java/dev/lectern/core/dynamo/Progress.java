package dev.lectern.core.dynamo;

import dev.lectern.core.routes.TableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key layout and reading of a learner's progress in a lesson, which the learning context
 * writes and the catalog's library reads (percent complete, where to continue). Kept in core, like
 * {@link Entitlements}, so neither context imports the other.
 *
 * <pre>
 * PK                  SK                                  attributes
 * PROGRESS#userId     COURSE#courseId#LESSON#lessonId     type=progress, courseId, lessonId, positionSeconds, completed,
 *                                                         updatedAt, version, startedAt, completedAt?, outbox (core's Outbox:
 *                                                         the events of the write that last changed it)
 * </pre>
 * Progress is personal data: the identity context's export reads the partition (generically, as
 * it reads {@link PersonalData}'s), which is why the ids are attributes too.
 * One partition per learner: one Query ({@code begins_with(SK, COURSE#c#LESSON#)}) reads a
 * course's progress, one Query of the partition all of a learner's. The item stays well under
 * 1 KB (the outbox holds only the last write's one to three events), so a progress write costs
 * one write unit.
 */
public final class Progress {

    public static final String PARTITION_PREFIX = "PROGRESS#";
    public static final String TYPE = "progress";
    /** What a context that reads or writes progress adds to its table grant. */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);

    public static final String POSITION = "positionSeconds";
    public static final String COMPLETED = "completed";
    public static final String UPDATED_AT = "updatedAt";
    public static final String VERSION = "version";
    public static final String STARTED_AT = "startedAt";
    public static final String COMPLETED_AT = "completedAt";

    private static final String COURSE = "COURSE#";
    private static final String LESSON = "#LESSON#";

    private Progress() {
    }

    public static String partition(String userId) {
        return PARTITION_PREFIX + userId;
    }

    /** The sort-key prefix of a course's progress items: {@code COURSE#<courseId>#LESSON#}. */
    public static String coursePrefix(String courseId) {
        return COURSE + courseId + LESSON;
    }

    public static String sortKey(String courseId, String lessonId) {
        return coursePrefix(courseId) + lessonId;
    }

    public static Map<String, AttributeValue> key(String userId, String courseId, String lessonId) {
        return Items.key(partition(userId), sortKey(courseId, lessonId));
    }

    /** A learner's progress in one lesson, as read from its item. */
    public record Entry(String courseId, String lessonId, long positionSeconds, boolean completed, Instant updatedAt, long version) {
    }

    /** The entry an item holds; empty for an item of another shape. */
    public static Optional<Entry> entry(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !item.containsKey("SK") || !item.containsKey(VERSION)) {
            return Optional.empty();
        }
        String sk = item.get("SK").s();
        int lesson = sk.indexOf(LESSON);
        if (!sk.startsWith(COURSE) || lesson < 0) {
            return Optional.empty();
        }
        return Optional.of(new Entry(sk.substring(COURSE.length(), lesson), sk.substring(lesson + LESSON.length()),
                Long.parseLong(item.get(POSITION).n()), item.containsKey(COMPLETED) && Boolean.TRUE.equals(item.get(COMPLETED).bool()),
                Instant.parse(item.get(UPDATED_AT).s()), Long.parseLong(item.get(VERSION).n())));
    }

    /** A learner's progress in one course: one Query of their partition, projected to what an entry holds. */
    public static List<Entry> ofCourse(DynamoDbClient dynamoDb, String table, String userId, String courseId) {
        List<Entry> entries = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :course)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition(userId)), ":course", Items.s(coursePrefix(courseId))))
                        .projectionExpression("SK, " + POSITION + ", " + COMPLETED + ", " + UPDATED_AT + ", " + VERSION))
                .items().forEach(item -> entry(item).ifPresent(entries::add));
        return entries;
    }

    /** Entries by course id, from the items of a learner's partition (or of one course). */
    public static Map<String, List<Entry>> byCourse(Collection<Map<String, AttributeValue>> items) {
        Map<String, List<Entry>> result = new LinkedHashMap<>();
        items.forEach(item -> entry(item).ifPresent(e -> result.computeIfAbsent(e.courseId(), c -> new ArrayList<>()).add(e)));
        return result;
    }

    /**
     * A learner's standing in a course.
     *
     * @param continueLessonId where to pick up, or null (nothing started, or every lesson completed)
     */
    public record Summary(int completedLessons, int totalLessons, int percentComplete, String continueLessonId) {
    }

    /**
     * The learner's standing in a course from its syllabus (lesson ids in syllabus order, core's
     * {@link Courses#syllabusOrder}) and the learner's progress items of that course. Progress in a
     * lesson no longer in the syllabus counts for nothing. {@code percentComplete} is rounded down,
     * so 100 means every lesson is completed.
     *
     * <p>{@code continueLessonId}: the lesson touched most recently that is not completed; when every
     * lesson touched is completed, the first lesson not completed after the last completed one in
     * syllabus order (and, past the end, the first not completed from the start); null when the
     * learner has not started the course (the client starts at its first lesson) or has completed
     * every lesson. So a learner who left a video half-watched returns to it, and one who finished a
     * lesson moves on to the next.
     */
    public static Summary summarize(List<String> syllabus, Collection<Entry> entries) {
        Map<String, Entry> byLesson = new HashMap<>();
        entries.forEach(e -> {
            if (syllabus.contains(e.lessonId())) {
                byLesson.put(e.lessonId(), e);
            }
        });
        int completed = (int) byLesson.values().stream().filter(Entry::completed).count();
        int total = syllabus.size();
        int percent = total == 0 ? 0 : (int) (completed * 100L / total);
        return new Summary(completed, total, percent, continueLesson(syllabus, byLesson));
    }

    private static String continueLesson(List<String> syllabus, Map<String, Entry> byLesson) {
        if (byLesson.isEmpty()) {
            return null;
        }
        Optional<Entry> unfinished = byLesson.values().stream().filter(e -> !e.completed())
                .max(Comparator.comparing(Entry::updatedAt).thenComparing(e -> syllabus.indexOf(e.lessonId())));
        if (unfinished.isPresent()) {
            return unfinished.get().lessonId();
        }
        int last = -1;
        for (int i = 0; i < syllabus.size(); i++) {
            if (byLesson.containsKey(syllabus.get(i))) {
                last = i;
            }
        }
        for (int step = 1; step <= syllabus.size(); step++) {
            String candidate = syllabus.get((last + step) % syllabus.size());
            Entry entry = byLesson.get(candidate);
            if (entry == null || !entry.completed()) {
                return candidate;
            }
        }
        return null;
    }
}
