package dev.lectern.catalog;

import static dev.lectern.core.dynamo.Items.key;
import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.CourseDetail;
import dev.lectern.catalog.CatalogModel.Lesson;
import dev.lectern.catalog.CatalogModel.Money;
import dev.lectern.catalog.CatalogModel.Page;
import dev.lectern.catalog.CatalogModel.Rating;
import dev.lectern.catalog.CatalogModel.Section;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.aws.TransientFailures;
import dev.lectern.core.dynamo.Cursors;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The catalog's items in the single table (docs/architecture.md, "Data"):
 * <pre>
 * COURSE#id   META              the course; GSI1 PUBLISHED / publishedAt#id while published; GSI2 CREATOR#id / createdAt#id;
 *                               GSI3 COURSE_CHANGES / updatedAt#id (the feed the search index refreshes from)
 * COURSE#id   SECTION#id        a section
 * COURSE#id   LESSON#id         a lesson (media key, article body)
 * ENTITLEMENTS#user COURSE#course user may access course since T because of S (core's Entitlements layout)
 * REVIEWS#course USER#id        one review per learner; GSI2 REVIEWS#course / createdAt#user (newest first)
 * </pre>
 * A course and its syllabus share a partition: the detail is one Query.
 */
@Singleton
public class CatalogStore {

    /** The optimistic lock lost: the course changed since the caller read it. */
    public static final class StaleVersionException extends RuntimeException {
        StaleVersionException() {
            super("stale version", null, false, false);
        }
    }

    public record Entitlement(String userId, String courseId, Instant since, String source) {
    }

    private static final String CHANGES = "COURSE_CHANGES";
    private static final String SEARCH_FIELDS = "id, title, subtitle, tags, creatorName, #status, publishedAt, creatorId, #level, "
            + "#language, priceAmount, enrollCount, ratingCount, ratingSum";
    private static final Map<String, String> SEARCH_FIELD_NAMES = Map.of("#status", "status", "#level", "level", "#language", "language");
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public CatalogStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** Stores a new draft; publishing is {@link #setPublished}. */
    public void createCourse(Course course) {
        dynamoDb.putItem(b -> b.tableName(table).item(courseItem(course)).conditionExpression("attribute_not_exists(PK)"));
    }

    public Optional<Course> course(String id) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("COURSE#" + id, "META")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCourse(item));
    }

    /** The course and its whole syllabus: one Query on the course's partition (more pages only for huge syllabi). */
    public Optional<CourseDetail> detail(String id) {
        Course course = null;
        List<Section> sections = new ArrayList<>();
        List<Lesson> lessons = new ArrayList<>();
        for (var item : dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s("COURSE#" + id)))).items()) {
            String sk = item.get("SK").s();
            if (sk.equals("META")) {
                course = toCourse(item);
            } else if (sk.startsWith("SECTION#")) {
                sections.add(new Section(sk.substring(8), item.get("title").s(), Integer.parseInt(item.get("position").n())));
            } else if (sk.startsWith("LESSON#")) {
                lessons.add(toLesson(item));
            }
        }
        return course == null ? Optional.empty() : Optional.of(new CourseDetail(course, sections, lessons));
    }

    /**
     * Sets the editable fields if the version is still {@code expectedVersion} (an UpdateItem, so
     * concurrent rating changes are not overwritten); returns the new state.
     */
    public Course replaceFields(Course updated, long expectedVersion) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":expected", n(expectedVersion));
        values.put(":title", s(updated.title()));
        values.put(":subtitle", s(updated.subtitle()));
        values.put(":description", s(updated.description()));
        values.put(":language", s(updated.language()));
        values.put(":level", s(updated.level()));
        values.put(":tags", AttributeValue.fromL(updated.tags().stream().map(Items::s).toList()));
        values.put(":amount", n(updated.price().amount()));
        values.put(":currency", s(updated.price().currency()));
        values.put(":updatedAt", s(updated.updatedAt().toString()));
        values.put(":creatorName", s(updated.creatorName()));
        values.put(":version", n(updated.version()));
        values.put(":changes", s(CHANGES));
        values.put(":changed", s(sortable(updated.updatedAt()) + "#" + updated.id()));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + updated.id(), "META"))
                    .updateExpression("SET title = :title, subtitle = :subtitle, description = :description, #language = :language, "
                            + "#level = :level, tags = :tags, priceAmount = :amount, priceCurrency = :currency, updatedAt = :updatedAt, "
                            + "creatorName = :creatorName, version = :version, GSI3PK = :changes, GSI3SK = :changed")
                    .conditionExpression("attribute_exists(PK) AND version = :expected")
                    .expressionAttributeNames(Map.of("#language", "language", "#level", "level"))
                    .expressionAttributeValues(values));
            return updated;
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException();
        }
    }

    // --- reviews: REVIEWS#course / USER#user, GSI2 REVIEWS#course / createdAt#user (newest first) ---------

    public record Review(String courseId, String userId, int rating, String text, Instant createdAt, Instant updatedAt) {
    }

    /** The review and the course's counters in one transaction; false when this learner already reviewed. */
    public boolean addReview(Review review) {
        Map<String, AttributeValue> item = new HashMap<>(key("REVIEWS#" + review.courseId(), "USER#" + review.userId()));
        item.putAll(Map.of("type", s("review"), "courseId", s(review.courseId()), "userId", s(review.userId()),
                "rating", n(review.rating()), "text", s(review.text()), "createdAt", s(review.createdAt().toString()),
                "updatedAt", s(review.updatedAt().toString()), "GSI2PK", s("REVIEWS#" + review.courseId()),
                "GSI2SK", s(sortable(review.createdAt()) + "#" + review.userId())));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + review.courseId(), "META"))
                            .updateExpression("ADD ratingCount :one, ratingSum :rating SET GSI3PK = :changes, GSI3SK = :changed")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeValues(Map.of(":one", n(1), ":rating", n(review.rating()), ":changes", s(CHANGES),
                                    ":changed", s(sortable(review.createdAt()) + "#" + review.courseId())))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Review> review(String courseId, String userId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("REVIEWS#" + courseId, "USER#" + userId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toReview(item));
    }

    /** Changes a review if its rating is still {@code previous.rating()}, moving the course's sum by the difference. */
    public boolean editReview(Review previous, int rating, String text, Instant now) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("REVIEWS#" + previous.courseId(), "USER#" + previous.userId()))
                            .updateExpression("SET rating = :rating, #text = :text, updatedAt = :now")
                            .conditionExpression("rating = :previous")
                            .expressionAttributeNames(Map.of("#text", "text"))
                            .expressionAttributeValues(Map.of(":rating", n(rating), ":text", s(text), ":now", s(now.toString()),
                                    ":previous", n(previous.rating())))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + previous.courseId(), "META"))
                            .updateExpression("ADD ratingSum :delta SET GSI3PK = :changes, GSI3SK = :changed")
                            .expressionAttributeValues(Map.of(":delta", n(rating - previous.rating()), ":changes", s(CHANGES),
                                    ":changed", s(sortable(now) + "#" + previous.courseId())))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            // a moved rating or a concurrent edit of the same review: the caller reads again and retries
            if (Items.anyConditionFailed(e) || TransientFailures.isTransient(e)) {
                return false;
            }
            throw e;
        }
    }

    public Page<Review> reviews(String courseId, int limit, String cursor) {
        Map<String, AttributeValue> start = Cursors.decode(cursor, Map.of(
                "PK", Cursors.exactly("REVIEWS#" + courseId), "SK", "USER#" + Cursors.ID,
                "GSI2PK", Cursors.exactly("REVIEWS#" + courseId), "GSI2SK", Cursors.TIMESTAMP + "#" + Cursors.ID));
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s("REVIEWS#" + courseId)))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? Cursors.encode(page.lastEvaluatedKey()) : null;
        return new Page<>(page.items().stream().map(CatalogStore::toReview).toList(), next);
    }

    private static Review toReview(Map<String, AttributeValue> item) {
        return new Review(item.get("courseId").s(), item.get("userId").s(), Integer.parseInt(item.get("rating").n()), item.get("text").s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()));
    }

    /** A creator's published courses, newest first (GSI2, filtered to published). */
    public List<Course> publishedBy(String creatorId, int limit) {
        List<Course> result = new ArrayList<>();
        for (var item : dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :creator")
                .filterExpression("#status = :published")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":creator", s("CREATOR#" + creatorId), ":published", s("published")))
                .scanIndexForward(false)).items()) {
            result.add(toCourse(item));
            if (result.size() >= limit) {
                break;
            }
        }
        return result;
    }

    public void putSection(String courseId, Section section) {
        Map<String, AttributeValue> item = new HashMap<>(key("COURSE#" + courseId, "SECTION#" + section.id()));
        item.putAll(Map.of("type", s("section"), "title", s(section.title()), "position", n(section.position())));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /** Stores a lesson if its section exists (one transaction); false when the section does not. */
    public boolean putLesson(String courseId, Lesson lesson) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(key("COURSE#" + courseId, "SECTION#" + lesson.sectionId()))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(lessonItem(courseId, lesson))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.anyConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Sets the present fields of a section if it exists; empty when it does not. */
    public Optional<Section> updateSection(String courseId, String sectionId, String title, Integer position) {
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (title != null) {
            sets.add("title = :title");
            values.put(":title", s(title));
        }
        if (position != null) {
            sets.add("#position = :position");
            values.put(":position", n(position));
        }
        try {
            var item = dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "SECTION#" + sectionId))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(position != null ? Map.of("#position", "position") : null)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(new Section(sectionId, item.get("title").s(), Integer.parseInt(item.get("position").n())));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    public void deleteSection(String courseId, String sectionId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "SECTION#" + sectionId)));
    }

    public void deleteLesson(String courseId, String lessonId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "LESSON#" + lessonId)));
    }

    public Optional<Lesson> lesson(String courseId, String lessonId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "LESSON#" + lessonId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toLesson(item));
    }

    public void setLessonMedia(String courseId, String lessonId, String mediaKey, String contentType) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "LESSON#" + lessonId))
                .updateExpression("SET mediaKey = :key, mediaContentType = :type")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":key", s(mediaKey), ":type", s(contentType))));
    }

    /** Published courses, newest first, from GSI1; the filters run inside the Query, pages are filled up to {@code limit}. */
    public Page<Course> published(int limit, String cursor, String filterExpression, Map<String, String> filterNames,
                                  Map<String, AttributeValue> filterValues) {
        List<Course> items = new ArrayList<>();
        Map<String, AttributeValue> start = Cursors.decode(cursor, Map.of(
                "PK", "COURSE#" + Cursors.ID, "SK", Cursors.exactly("META"),
                "GSI1PK", Cursors.exactly("PUBLISHED"), "GSI1SK", Cursors.TIMESTAMP + "#" + Cursors.ID));
        int rounds = 0;
        do {
            Map<String, AttributeValue> values = new HashMap<>(filterValues);
            values.put(":published", s("PUBLISHED"));
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName("GSI1")
                    .keyConditionExpression("GSI1PK = :published")
                    .filterExpression(filterExpression)
                    .expressionAttributeNames(filterNames.isEmpty() ? null : filterNames)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(limit - items.size())
                    .exclusiveStartKey(from));
            page.items().forEach(item -> items.add(toCourse(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            rounds++;
        } while (start != null && items.size() < limit && rounds < 10);
        return new Page<>(items, start == null ? null : Cursors.encode(start));
    }

    /** Publishes and returns the course as now stored. */
    public Course setPublished(Course course, Instant now) {
        return toCourse(dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + course.id(), "META"))
                .updateExpression("SET #status = :published, publishedAt = :now, updatedAt = :now, GSI1PK = :gsi, GSI1SK = :sort, "
                        + "GSI3PK = :changes, GSI3SK = :sort, version = version + :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":published", s("published"), ":now", s(now.toString()), ":gsi", s("PUBLISHED"),
                        ":sort", s(sortable(now) + "#" + course.id()), ":changes", s(CHANGES), ":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }

    public void setDraft(String courseId, Instant now) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "META"))
                .updateExpression("SET #status = :draft, updatedAt = :now, GSI3PK = :changes, GSI3SK = :sort, version = version + :one "
                        + "REMOVE GSI1PK, GSI1SK, publishedAt")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":draft", s("draft"), ":now", s(now.toString()), ":changes", s(CHANGES),
                        ":sort", s(sortable(now) + "#" + courseId), ":one", n(1))));
    }

    /** A course as the search index needs it; {@code published} false means: take it out. */
    public record SearchEntry(String courseId, boolean published, SearchIndex.Document document) {
    }

    /** Every published course, for a full index build (GSI1, only the attributes the index needs). */
    public List<SearchEntry> allPublishedForSearch() {
        List<SearchEntry> entries = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :published")
                        .expressionAttributeValues(Map.of(":published", s("PUBLISHED")))
                        .projectionExpression(SEARCH_FIELDS)
                        .expressionAttributeNames(SEARCH_FIELD_NAMES))
                .items().forEach(item -> entries.add(toSearchEntry(item)));
        return entries;
    }

    /** Courses changed after {@code since} (inclusive of the same millisecond), oldest first, from the changes feed. */
    public List<SearchEntry> changedSince(Instant since) {
        List<SearchEntry> entries = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI3")
                        .keyConditionExpression("GSI3PK = :changes AND GSI3SK >= :since")
                        .expressionAttributeValues(Map.of(":changes", s(CHANGES), ":since", s(sortable(since))))
                        .projectionExpression(SEARCH_FIELDS)
                        .expressionAttributeNames(SEARCH_FIELD_NAMES))
                .items().forEach(item -> entries.add(toSearchEntry(item)));
        return entries;
    }

    private static SearchEntry toSearchEntry(Map<String, AttributeValue> item) {
        boolean published = "published".equals(item.get("status").s());
        long publishedAt = item.containsKey("publishedAt") ? Instant.parse(item.get("publishedAt").s()).toEpochMilli() : 0;
        return new SearchEntry(item.get("id").s(), published, new SearchIndex.Document(item.get("id").s(), item.get("title").s(),
                item.get("subtitle").s(), item.get("tags").l().stream().map(AttributeValue::s).toList(),
                item.containsKey("creatorName") ? item.get("creatorName").s() : "", publishedAt,
                new SearchIndex.Facets(item.get("creatorId").s(), item.get("level").s(), item.get("language").s(),
                        Long.parseLong(item.get("priceAmount").n()), number(item, "enrollCount"), number(item, "ratingCount"),
                        number(item, "ratingSum"))));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }

    // --- entitlements: free enrolment (commerce will grant purchases in its own transactions) --

    /** Grants access unless the user already has it; returns whether this call granted it. */
    public boolean grant(Entitlement entitlement) {
        Map<String, AttributeValue> item = new HashMap<>(Entitlements.key(entitlement.userId(), entitlement.courseId()));
        item.putAll(Map.of("type", s("entitlement"), "userId", s(entitlement.userId()), "courseId", s(entitlement.courseId()),
                "since", s(entitlement.since().toString()), "source", s(entitlement.source())));
        try {
            // the course's enrolment count (its popularity) moves with the entitlement, and the change feeds the listings
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + entitlement.courseId(), "META"))
                            .updateExpression("ADD enrollCount :one SET GSI3PK = :changes, GSI3SK = :changed")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeValues(Map.of(":one", n(1), ":changes", s(CHANGES),
                                    ":changed", s(sortable(entitlement.since()) + "#" + entitlement.courseId())))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Entitlement> entitlement(String userId, String courseId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Entitlements.key(userId, courseId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toEntitlement(item));
    }

    public List<Entitlement> entitlements(String userId) {
        List<Entitlement> result = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :e)")
                        .expressionAttributeValues(Map.of(":pk", s(Entitlements.partition(userId)), ":e", s(Entitlements.SORT_PREFIX))))
                .items().forEach(item -> result.add(toEntitlement(item)));
        return result;
    }

    /** Up to 100 courses by id (BatchGetItem); missing ids are skipped. */
    public List<Course> courses(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Course> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 100) {
            var keys = ids.subList(i, Math.min(ids.size(), i + 100)).stream().map(id -> key("COURSE#" + id, "META")).toList();
            Map<String, KeysAndAttributes> request =
                    Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                var finalRequest = request;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(finalRequest));
                response.responses().getOrDefault(table, List.of()).forEach(item -> result.add(toCourse(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return result;
    }

    // --- mapping ------------------------------------------------------------------------------

    private static Map<String, AttributeValue> courseItem(Course c) {
        Map<String, AttributeValue> item = new HashMap<>(key("COURSE#" + c.id(), "META"));
        item.put("type", s("course"));
        item.put("id", s(c.id()));
        item.put("creatorId", s(c.creatorId()));
        item.put("creatorName", s(c.creatorName()));
        item.put("title", s(c.title()));
        item.put("subtitle", s(c.subtitle()));
        item.put("description", s(c.description()));
        item.put("language", s(c.language()));
        item.put("level", s(c.level()));
        item.put("tags", AttributeValue.fromL(c.tags().stream().map(Items::s).toList()));
        item.put("priceAmount", n(c.price().amount()));
        item.put("priceCurrency", s(c.price().currency()));
        item.put("status", s(c.status()));
        item.put("createdAt", s(c.createdAt().toString()));
        item.put("updatedAt", s(c.updatedAt().toString()));
        item.put("version", n(c.version()));
        item.put("ratingCount", n(c.rating().count()));
        item.put("ratingSum", n(Math.round(c.rating().average() * c.rating().count())));
        item.put("GSI2PK", s("CREATOR#" + c.creatorId()));
        item.put("GSI2SK", s(sortable(c.createdAt()) + "#" + c.id()));
        item.put("GSI3PK", s(CHANGES));
        item.put("GSI3SK", s(sortable(c.updatedAt()) + "#" + c.id()));
        return item;
    }

    private static Course toCourse(Map<String, AttributeValue> item) {
        long count = Long.parseLong(item.get("ratingCount").n());
        long sum = Long.parseLong(item.get("ratingSum").n());
        return new Course(item.get("id").s(), item.get("creatorId").s(),
                item.containsKey("creatorName") ? item.get("creatorName").s() : "", item.get("title").s(), item.get("subtitle").s(),
                item.get("description").s(), item.get("language").s(), item.get("level").s(),
                item.get("tags").l().stream().map(AttributeValue::s).toList(),
                new Money(Long.parseLong(item.get("priceAmount").n()), item.get("priceCurrency").s()),
                item.get("status").s(), Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                item.containsKey("publishedAt") ? Instant.parse(item.get("publishedAt").s()) : null,
                Long.parseLong(item.get("version").n()),
                new Rating(count, count == 0 ? 0 : Math.round(sum * 100.0 / count) / 100.0));
    }

    private static Map<String, AttributeValue> lessonItem(String courseId, Lesson l) {
        Map<String, AttributeValue> item = new HashMap<>(key("COURSE#" + courseId, "LESSON#" + l.id()));
        item.put("type", s("lesson"));
        item.put("sectionId", s(l.sectionId()));
        item.put("title", s(l.title()));
        item.put("kind", s(l.kind()));
        if (l.durationSeconds() != null) {
            item.put("durationSeconds", n(l.durationSeconds()));
        }
        item.put("freePreview", AttributeValue.fromBool(l.freePreview()));
        item.put("position", n(l.position()));
        if (l.body() != null) {
            item.put("body", s(l.body()));
        }
        if (l.mediaKey() != null) {
            item.put("mediaKey", s(l.mediaKey()));
            item.put("mediaContentType", s(l.mediaContentType()));
        }
        return item;
    }

    private static Lesson toLesson(Map<String, AttributeValue> item) {
        return new Lesson(item.get("SK").s().substring(7), item.get("sectionId").s(), item.get("title").s(), item.get("kind").s(),
                item.containsKey("durationSeconds") ? Long.valueOf(item.get("durationSeconds").n()) : null,
                item.get("freePreview").bool(), Integer.parseInt(item.get("position").n()),
                item.containsKey("mediaKey") ? item.get("mediaKey").s() : null,
                item.containsKey("mediaContentType") ? item.get("mediaContentType").s() : null,
                item.containsKey("body") ? item.get("body").s() : null);
    }

    private static Entitlement toEntitlement(Map<String, AttributeValue> item) {
        return new Entitlement(item.get("userId").s(), item.get("courseId").s(), Instant.parse(item.get("since").s()), item.get("source").s());
    }

    /** Cursors are opaque to clients: base64url of the last evaluated key. */
    /** Fixed-width UTC timestamps, so that sort keys order as time does (Instant.toString drops zero millis). */
    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }
}
