package dev.lectern.learning;

import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Progress items (core's {@link Progress} layout) and what a progress write must know of the
 * catalog's items (core's {@link Courses} and {@link Entitlements} layouts): read, never written.
 */
@Singleton
public class ProgressStore {

    /** What one BatchGetItem found for a progress write; a missing item is null. */
    record Snapshot(Map<String, AttributeValue> course, Map<String, AttributeValue> lesson, Map<String, AttributeValue> entitlement,
                    Map<String, AttributeValue> progress) {
    }

    /** The conditional write lost: the item as it is now (null when it was deleted meanwhile). */
    static final class LostRace extends RuntimeException {
        private final transient Map<String, AttributeValue> current;

        LostRace(Map<String, AttributeValue> current) {
            super("lost a race", null, false, false);
            this.current = current;
        }

        Map<String, AttributeValue> current() {
            return current;
        }
    }

    private static final String SYLLABUS_FIELDS = "SK, #status, creatorId, sectionId, #position";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ProgressStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /**
     * The course, the lesson, the learner's entitlement and progress in the lesson: one
     * BatchGetItem of four keys (eventually consistent: a stale progress item only fails the
     * write's condition, which answers with the current item). Read units are charged on whole
     * items, so a lesson carrying a long article costs its size whatever the projection.
     */
    Snapshot read(String userId, String courseId, String lessonId) {
        Map<String, AttributeValue> courseKey = Courses.metaKey(courseId);
        Map<String, AttributeValue> lessonKey = Courses.lessonKey(courseId, lessonId);
        Map<String, AttributeValue> entitlementKey = Entitlements.key(userId, courseId);
        Map<String, AttributeValue> progressKey = Progress.key(userId, courseId, lessonId);
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(courseKey, lessonKey, entitlementKey, progressKey)
                .projectionExpression("PK, SK, #status, creatorId, durationSeconds, freePreview, " + Entitlements.SUSPENDED + ", "
                        + Progress.POSITION + ", " + Progress.COMPLETED + ", " + Progress.UPDATED_AT + ", " + Progress.VERSION)
                .expressionAttributeNames(Map.of("#status", "status"))
                .build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            Map<String, KeysAndAttributes> pending = request;
            var response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get("PK").s() + "|" + item.get("SK").s(), item));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return new Snapshot(found.get(id(courseKey)), found.get(id(lessonKey)), found.get(id(entitlementKey)), found.get(id(progressKey)));
    }

    /**
     * Writes a change in one conditional UpdateItem, with its events in the item's outbox: on a
     * first report if the item does not exist, otherwise if its version is still the one read.
     * Returns the item as written; {@link LostRace} with the current item when the condition failed.
     */
    Map<String, AttributeValue> write(String userId, String courseId, String lessonId, Optional<Progress.Entry> previous,
                                      ProgressChange change, Instant now, List<EventEnvelope> events) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":type", s(Progress.TYPE));
        values.put(":position", n(change.positionSeconds()));
        values.put(":completed", AttributeValue.fromBool(change.completed()));
        values.put(":now", s(now.toString()));
        values.put(":version", n(previous.map(p -> p.version() + 1).orElse(1L)));
        values.put(":outbox", Outbox.attribute(events));
        StringBuilder update = new StringBuilder("SET #type = :type, " + Progress.POSITION + " = :position, " + Progress.COMPLETED
                + " = :completed, " + Progress.UPDATED_AT + " = :now, " + Progress.VERSION + " = :version, " + Outbox.ATTRIBUTE + " = :outbox");
        if (change.created()) {
            // the ids as attributes too: the personal data export shows an item's attributes, not its key
            update.append(", ").append(Progress.STARTED_AT).append(" = :now, courseId = :courseId, lessonId = :lessonId");
            values.put(":courseId", s(courseId));
            values.put(":lessonId", s(lessonId));
        }
        if (change.completedNow()) {
            update.append(", ").append(Progress.COMPLETED_AT).append(" = :now");
        }
        String condition;
        if (previous.isPresent()) {
            condition = Progress.VERSION + " = :expected";
            values.put(":expected", n(previous.get().version()));
        } else {
            condition = "attribute_not_exists(PK)";
        }
        try {
            return dynamoDb.updateItem(b -> b.tableName(table).key(Progress.key(userId, courseId, lessonId))
                    .updateExpression(update.toString())
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException e) {
            throw new LostRace(e.hasItem() && !e.item().isEmpty() ? e.item() : null);
        }
    }

    /** The items of a course's partition that make its syllabus and say who may see it: one Query, projected. */
    List<Map<String, AttributeValue>> syllabus(String courseId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Courses.PARTITION_PREFIX + courseId)))
                        .projectionExpression(SYLLABUS_FIELDS)
                        .expressionAttributeNames(Map.of("#status", "status", "#position", "position")))
                .items().forEach(items::add);
        return items;
    }

    /** The learner's progress in one course: one Query of their partition. */
    List<Progress.Entry> progress(String userId, String courseId) {
        return Progress.ofCourse(dynamoDb, table, userId, courseId);
    }

    /** Whether the learner holds an active entitlement to the course (for a draft's learners). */
    boolean entitled(String userId, String courseId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Entitlements.key(userId, courseId))).item();
        return item != null && !item.isEmpty() && Entitlements.isActive(item);
    }

    private static String id(Map<String, AttributeValue> key) {
        return key.get("PK").s() + "|" + key.get("SK").s();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(500, 20L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
