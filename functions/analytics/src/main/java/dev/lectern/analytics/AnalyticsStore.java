package dev.lectern.analytics;

import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The aggregates in the table, written whole by each run (a rerun overwrites) and read by the routes.
 *
 * <pre>
 * PK                              SK              attributes
 * ANALYTICS#COURSE#courseId        DAY#date        views, uniqueViewers, …, revenue {currency: minor units};
 *                                                  GSI1 ANALYTICS#CREATOR#creatorId / DAY#date#courseId
 * ANALYTICS#PLATFORM               DAY#date        dau, wau, mau
 * ANALYTICS#RETENTION              WEEK#monday     active [cohort size, active in week 1, …], asOf
 * </pre>
 * A creator's courses are one Query of GSI1; a course's days one Query of its partition.
 */
@Singleton
public class AnalyticsStore {

    static final String PREFIX = "ANALYTICS#";
    static final String COURSE = PREFIX + "COURSE#";
    static final String CREATOR = PREFIX + "CREATOR#";
    static final String PLATFORM = PREFIX + "PLATFORM";
    static final String RETENTION = PREFIX + "RETENTION";

    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public AnalyticsStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** A course's creator and whether it is published, from the catalog's course item; empty for no such course. */
    record CourseOwner(String creatorId, boolean published) {
    }

    Optional<CourseOwner> owner(String courseId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(Courses.metaKey(courseId))
                .projectionExpression("creatorId, #s").expressionAttributeNames(Map.of("#s", "status"))).item();
        if (item == null || item.isEmpty() || !item.containsKey("creatorId")) {
            return Optional.empty();
        }
        return Optional.of(new CourseOwner(item.get("creatorId").s(),
                item.containsKey("status") && "published".equals(item.get("status").s())));
    }

    /** The creators of these courses (BatchGetItem of their catalog items); courses the catalog lacks are absent. */
    Map<String, String> creators(Set<String> courseIds) {
        Map<String, String> creators = new HashMap<>();
        List<String> ids = new ArrayList<>(courseIds);
        for (int i = 0; i < ids.size(); i += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + BATCH_GET_LIMIT)).stream()
                    .map(Courses::metaKey).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("PK, creatorId").build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> next = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(next));
                response.responses().getOrDefault(table, List.of()).stream().filter(item -> item.containsKey("creatorId"))
                        .forEach(item -> creators.put(item.get("PK").s().substring(Courses.PARTITION_PREFIX.length()),
                                item.get("creatorId").s()));
                request = response.unprocessedKeys();
            }
        }
        return creators;
    }

    /** Puts the items with BatchWriteItem, 25 at a time, sending what DynamoDB left unprocessed again. */
    int put(List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i += BATCH_WRITE_LIMIT) {
            List<WriteRequest> writes = items.subList(i, Math.min(items.size(), i + BATCH_WRITE_LIMIT)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> next = request;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(next));
                request = response.unprocessedItems();
            }
        }
        return items.size();
    }

    static Map<String, AttributeValue> item(Aggregates.CourseDay day, String creatorId) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(COURSE + day.courseId(), "DAY#" + day.day()));
        item.put("type", s("analyticsCourseDay"));
        item.put("courseId", s(day.courseId()));
        item.put("day", s(day.day()));
        item.put("views", n(day.views()));
        item.put("uniqueViewers", n(day.uniqueViewers()));
        item.put("enrollments", n(day.enrollments()));
        item.put("purchases", n(day.purchases()));
        item.put("refunds", n(day.refunds()));
        item.put("learningSeconds", n(day.learningSeconds()));
        item.put("lessonsCompleted", n(day.lessonsCompleted()));
        item.put("lessonsActive", n(day.lessonsActive()));
        item.put("funnelViewers", n(day.funnelViewers()));
        item.put("funnelConverted", n(day.funnelConverted()));
        item.put("revenue", money(day.revenue()));
        item.put("refunded", money(day.refunded()));
        if (creatorId != null) {
            item.put("creatorId", s(creatorId));
            item.put("GSI1PK", s(CREATOR + creatorId));
            item.put("GSI1SK", s("DAY#" + day.day() + "#" + day.courseId()));
        }
        return item;
    }

    static Map<String, AttributeValue> item(Aggregates.PlatformDay day) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(PLATFORM, "DAY#" + day.day()));
        item.put("type", s("analyticsPlatformDay"));
        item.put("day", s(day.day()));
        item.put("dau", n(day.dau()));
        item.put("wau", n(day.wau()));
        item.put("mau", n(day.mau()));
        return item;
    }

    static Map<String, AttributeValue> item(Aggregates.Cohort cohort, String asOf) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(RETENTION, "WEEK#" + cohort.week()));
        item.put("type", s("analyticsCohort"));
        item.put("week", s(cohort.week()));
        item.put("active", AttributeValue.fromL(cohort.active().stream().map(Items::n).toList()));
        item.put("asOf", s(asOf));
        return item;
    }

    private static AttributeValue money(Map<String, Long> amounts) {
        Map<String, AttributeValue> map = new TreeMap<>();
        amounts.forEach((currency, amount) -> map.put(currency, n(amount)));
        return AttributeValue.fromM(map);
    }

    /** A course's days from {@code from} to {@code to}, oldest first. */
    List<Aggregates.CourseDay> courseDays(String courseId, String from, String to) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(COURSE + courseId), ":from", s("DAY#" + from), ":to", s("DAY#" + to)))
                .build()).stream().map(AnalyticsStore::courseDay).toList();
    }

    /** Every day of every course of the creator, from {@code from} to {@code to} (GSI1). */
    List<Aggregates.CourseDay> creatorDays(String creatorId, String from, String to) {
        // "~" sorts after every course id, so the last day's courses are inside the range
        return query(QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(CREATOR + creatorId), ":from", s("DAY#" + from),
                        ":to", s("DAY#" + to + "#~")))
                .build()).stream().map(AnalyticsStore::courseDay).toList();
    }

    List<Aggregates.PlatformDay> platformDays(String from, String to) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(PLATFORM), ":from", s("DAY#" + from), ":to", s("DAY#" + to)))
                .build()).stream()
                .map(i -> new Aggregates.PlatformDay(i.get("day").s(), num(i, "dau"), num(i, "wau"), num(i, "mau"))).toList();
    }

    List<Aggregates.Cohort> cohorts(String fromWeek, String toWeek) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(RETENTION), ":from", s("WEEK#" + fromWeek), ":to", s("WEEK#" + toWeek)))
                .build()).stream()
                .map(i -> new Aggregates.Cohort(i.get("week").s(), i.get("active").l().stream().map(v -> Long.parseLong(v.n())).toList()))
                .toList();
    }

    private List<Map<String, AttributeValue>> query(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    private static Aggregates.CourseDay courseDay(Map<String, AttributeValue> i) {
        return new Aggregates.CourseDay(i.get("courseId").s(), i.get("day").s(), num(i, "views"), num(i, "uniqueViewers"),
                num(i, "enrollments"), num(i, "purchases"), num(i, "refunds"), num(i, "learningSeconds"),
                num(i, "lessonsCompleted"), num(i, "lessonsActive"), num(i, "funnelViewers"), num(i, "funnelConverted"),
                amounts(i.get("revenue")), amounts(i.get("refunded")));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Map<String, Long> amounts(AttributeValue value) {
        Map<String, Long> amounts = new LinkedHashMap<>();
        if (value != null && value.hasM()) {
            new TreeMap<>(value.m()).forEach((currency, amount) -> amounts.put(currency, Long.parseLong(amount.n())));
        }
        return amounts;
    }
}
