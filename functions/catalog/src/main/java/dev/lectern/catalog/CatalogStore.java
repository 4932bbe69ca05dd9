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
import dev.lectern.core.dynamo.Cursors;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.events.EventEnvelope;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.dynamo.PersonalData;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The catalog's items in the single table (docs/architecture.md, "Data"):
 * <pre>
 * COURSE#id   META              the course; GSI1 PUBLISHED / publishedAt#id while published; GSI2 CREATOR#id / createdAt#id
 * COURSE#id   META#STATS        its counters: enrollCount, ratingCount, ratingSum; in no index, created by the first change
 *                               (none: all 0). Sorts right after META, so one Query reads the course with its counters
 * COURSE#id   SECTION#id        a section
 * COURSE#id   LESSON#id         a lesson (media key, article body)
 * COURSE#id   PUBLIC            the public fields as last published, written when the course is unpublished
 * COURSE_CHANGES changedAt#id   "this course changed": the feed the search index refreshes from (TTL one day)
 * ENTITLEMENTS#user COURSE#course user may access course since T because of S (core's Entitlements layout)
 * PERSONAL#user review#course   the review: one per learner (core's PersonalData partition: export and erasure find it)
 * REVIEWS#course createdAt#user the review as listed, newest first; written in the same transactions as the review
 * </pre>
 * A course, its counters and its syllabus share a partition: the detail is one Query. Counters
 * move in the transaction that justifies them (an entitlement, a review) together with a change
 * marker, and touch nothing else: the course item, its index entries and the reviews' stay as they are.
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

    /** A course's counters ({@code COURSE#id / META#STATS}); all 0 while it has none. */
    public record Stats(long enrollCount, long ratingCount, long ratingSum) {
        static final Stats NONE = new Stats(0, 0, 0);

        /** The rating as the API shows it: the average to two decimals. */
        public Rating rating() {
            return new Rating(ratingCount, ratingCount == 0 ? 0 : Math.round(ratingSum * 100.0 / ratingCount) / 100.0);
        }

        static Stats of(Map<String, AttributeValue> item) {
            return item == null ? NONE : new Stats(number(item, "enrollCount"), number(item, "ratingCount"), number(item, "ratingSum"));
        }
    }

    /** How a conditional delete of a lesson ended. */
    public enum LessonDeletion {
        DELETED,
        /** The lesson was not there (deleted concurrently, or never). */
        GONE,
        /** What the delete was conditioned on changed (the course was published, the lesson kept went): read again. */
        CHANGED
    }

    /** How a field change of a lesson ended. */
    public enum LessonChange {
        CHANGED,
        NO_LESSON,
        NO_SECTION
    }

    /** The partition of the change markers: the feed of courses whose searchable fields or counters changed (core's {@link Courses}). */
    static final String CHANGES = Courses.CHANGES;
    /** The sort key of a course's counters, right after its META. */
    static final String STATS = Courses.STATS;
    /** The sort-key prefix of a review in its author's personal-data partition: {@code review#<courseId>}. */
    static final String REVIEW_PERSONAL_SORT = "review#";
    private static final String LAST_PUBLISHED = "PUBLIC";
    private static final String COUNTERS = "enrollCount, ratingCount, ratingSum";
    private static final String SEARCH_FIELDS = "id, title, subtitle, tags, creatorName, #status, publishedAt, creatorId, #level, "
            + "#language, priceAmount";
    private static final Map<String, String> SEARCH_FIELD_NAMES = Map.of("#status", "status", "#level", "level", "#language", "language");
    /** BatchGetItem requests the cold build of the search index sends at once for the counters. */
    private static final int PARALLEL_READS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public CatalogStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** Stores a new draft; publishing is {@link #publish}. */
    public void createCourse(Course course) {
        dynamoDb.putItem(b -> b.tableName(table).item(courseItem(course)).conditionExpression("attribute_not_exists(PK)"));
    }

    /**
     * The course with its counters: one consistent Query of the two items (META and META#STATS,
     * adjacent in the partition), which costs what a GetItem of the course alone would.
     */
    public Optional<Course> course(String id) {
        Map<String, AttributeValue> meta = null;
        Map<String, AttributeValue> stats = null;
        for (var item : dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :meta)")
                .expressionAttributeValues(Map.of(":pk", s("COURSE#" + id), ":meta", s("META")))).items()) {
            if (item.get("SK").s().equals("META")) {
                meta = item;
            } else if (item.get("SK").s().equals(STATS)) {
                stats = item;
            }
        }
        return meta == null ? Optional.empty() : Optional.of(toCourse(meta, Stats.of(stats)));
    }

    /** The course and its whole syllabus: one Query on the course's partition (more pages only for huge syllabi). */
    public Optional<CourseDetail> detail(String id) {
        Map<String, AttributeValue> meta = null;
        Map<String, AttributeValue> stats = null;
        Map<String, AttributeValue> lastPublished = null;
        List<Section> sections = new ArrayList<>();
        List<Lesson> lessons = new ArrayList<>();
        for (var item : dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s("COURSE#" + id)))).items()) {
            String sk = item.get("SK").s();
            if (sk.equals("META")) {
                meta = item;
            } else if (sk.equals(STATS)) {
                stats = item;
            } else if (sk.equals(LAST_PUBLISHED)) {
                lastPublished = item;
            } else if (sk.startsWith("SECTION#")) {
                sections.add(new Section(sk.substring(8), item.get("title").s(), Integer.parseInt(item.get("position").n())));
            } else if (sk.startsWith("LESSON#")) {
                lessons.add(toLesson(item));
            }
        }
        if (meta == null) {
            return Optional.empty();
        }
        Course course = toCourse(meta, Stats.of(stats));
        return Optional.of(new CourseDetail(course, sections, lessons, lastPublished == null ? null : toLastPublished(lastPublished, course)));
    }

    /**
     * Sets the editable fields if the version is still {@code expectedVersion} (an UpdateItem of
     * those fields only); returns the new state. The caller marks a published course as changed
     * ({@link #courseChanged}) once this succeeded.
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
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + updated.id(), "META"))
                    .updateExpression("SET title = :title, subtitle = :subtitle, description = :description, #language = :language, "
                            + "#level = :level, tags = :tags, priceAmount = :amount, priceCurrency = :currency, updatedAt = :updatedAt, "
                            + "creatorName = :creatorName, version = :version")
                    .conditionExpression("attribute_exists(PK) AND version = :expected")
                    .expressionAttributeNames(Map.of("#language", "language", "#level", "level"))
                    .expressionAttributeValues(values));
            return updated;
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException();
        }
    }

    // --- reviews: PERSONAL#user / review#course (the review), REVIEWS#course / createdAt#user (as listed) ----

    public record Review(String courseId, String userId, int rating, String text, Instant createdAt, Instant updatedAt) {
    }

    /**
     * The review, its listed copy, the course's counters and a change marker in one transaction;
     * false when this learner already reviewed the course. The review lives in its author's
     * personal-data partition (one per learner by its key, found by export and erasure), the copy
     * in the course's review list; neither is in an index, so the write touches four small items
     * and no index entry. The review item carries its {@code review_posted} event in its outbox
     * (core's {@link Outbox}): the event exists exactly when the review does.
     */
    public boolean addReview(Review review, EventEnvelope posted) {
        Map<String, AttributeValue> item = reviewItem(review);
        item.put(Outbox.ATTRIBUTE, Outbox.attribute(posted));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(listedReviewItem(review))).build(),
                    statsChange(review.courseId(), "ADD ratingCount :one, ratingSum :rating",
                            Map.of(":one", n(1), ":rating", n(review.rating()))),
                    changeMarker(review.courseId(), review.createdAt())));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Review> review(String courseId, String userId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(reviewKey(userId, courseId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toReview(item));
    }

    /**
     * Changes a review if its rating is still {@code previous.rating()}, rewriting its listed copy in
     * the same transaction; when the rating moves, the course's sum moves by the difference and a
     * change marker is written (a text-only edit leaves the counters alone).
     */
    public boolean editReview(Review previous, int rating, String text, Instant now) {
        Review edited = new Review(previous.courseId(), previous.userId(), rating, text, previous.createdAt(), now);
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(reviewKey(previous.userId(), previous.courseId()))
                        .updateExpression("SET rating = :rating, #text = :text, updatedAt = :now")
                        .conditionExpression("rating = :previous")
                        .expressionAttributeNames(Map.of("#text", "text"))
                        .expressionAttributeValues(Map.of(":rating", n(rating), ":text", s(text), ":now", s(now.toString()),
                                ":previous", n(previous.rating())))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(listedReviewItem(edited))).build()));
        if (rating != previous.rating()) {
            writes.add(statsChange(previous.courseId(), "ADD ratingSum :delta", Map.of(":delta", n(rating - previous.rating()))));
            writes.add(changeMarker(previous.courseId(), now));
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            // the rating moved (a concurrent edit of the same review): the caller reads again and retries;
            // a throttle or a lost race is the API's 503 (ApiHandler)
            if (Items.anyConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    /** A course's reviews, newest first: a Query of its review list. */
    public Page<Review> reviews(String courseId, int limit, String cursor) {
        Map<String, AttributeValue> start = Cursors.decode(cursor, Map.of(
                "PK", Cursors.exactly("REVIEWS#" + courseId), "SK", Cursors.TIMESTAMP + "#" + Cursors.ID));
        QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s("REVIEWS#" + courseId)))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? Cursors.encode(page.lastEvaluatedKey()) : null;
        return new Page<>(page.items().stream().map(CatalogStore::toReview).toList(), next);
    }

    /** Core's PersonalData layout: the review's key in its author's personal-data partition. */
    private static Map<String, AttributeValue> reviewKey(String userId, String courseId) {
        return key(PersonalData.partition(userId), REVIEW_PERSONAL_SORT + courseId);
    }

    private static Map<String, AttributeValue> listedReviewKey(Review review) {
        return key("REVIEWS#" + review.courseId(), sortable(review.createdAt()) + "#" + review.userId());
    }

    private static Map<String, AttributeValue> reviewItem(Review review) {
        Map<String, AttributeValue> item = new HashMap<>(reviewKey(review.userId(), review.courseId()));
        item.putAll(reviewAttributes(review));
        item.put("type", s("review"));
        return item;
    }

    private static Map<String, AttributeValue> listedReviewItem(Review review) {
        Map<String, AttributeValue> item = new HashMap<>(listedReviewKey(review));
        item.putAll(reviewAttributes(review));
        item.put("type", s("listedReview"));
        return item;
    }

    private static Map<String, AttributeValue> reviewAttributes(Review review) {
        return Map.of("courseId", s(review.courseId()), "userId", s(review.userId()), "rating", n(review.rating()),
                "text", s(review.text()), "createdAt", s(review.createdAt().toString()), "updatedAt", s(review.updatedAt().toString()));
    }

    // --- erasure of an account: its reviews and entitlements ---------------------------------------

    /** Every review the user wrote: a consistent Query of their personal-data partition, so none written a moment ago is missed. */
    public List<Review> reviewsOf(String userId) {
        List<Review> result = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :review)")
                        .expressionAttributeValues(Map.of(":pk", s(PersonalData.partition(userId)), ":review", s(REVIEW_PERSONAL_SORT))))
                .items().forEach(item -> result.add(toReview(item)));
        return result;
    }

    /**
     * Deletes a review and its listed copy and takes it out of the course's rating in one
     * transaction, if its rating is still {@code review.rating()}; false when it is not (the caller
     * reads it again). A review that is gone already is reported as deleted: the counters moved when it went.
     */
    public boolean deleteReview(Review review, Instant now) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(reviewKey(review.userId(), review.courseId()))
                            .conditionExpression("rating = :rating")
                            .expressionAttributeValues(Map.of(":rating", n(review.rating())))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(listedReviewKey(review))).build(),
                    statsChange(review.courseId(), "ADD ratingCount :minusOne, ratingSum :minusRating",
                            Map.of(":minusOne", n(-1), ":minusRating", n(-review.rating()))),
                    changeMarker(review.courseId(), now)));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return review(review.courseId(), review.userId()).isEmpty();
            }
            throw e;
        }
    }

    /** Deletes a user's entitlements (BatchWriteItem; deleting one that is gone changes nothing, so a replay is harmless). */
    public void deleteEntitlements(String userId, Collection<String> courseIds) {
        deleteKeys(courseIds.stream().map(c -> Entitlements.key(userId, c)).toList());
    }

    /**
     * Deletes a user's learning progress (core's {@link Progress} partition, personal data that
     * the learning context writes): one Query of its keys, then BatchWriteItem. Returns how many
     * items it deleted; a replay finds none.
     */
    public int deleteProgress(String userId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Progress.partition(userId)))).projectionExpression("PK, SK")
                        .consistentRead(true))
                .items().forEach(keys::add);
        deleteKeys(keys);
        return keys.size();
    }

    private void deleteKeys(List<Map<String, AttributeValue>> keys) {
        for (int i = 0; i < keys.size(); i += 25) {
            List<WriteRequest> deletes = keys.subList(i, Math.min(keys.size(), i + 25)).stream()
                    .map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList();
            Map<String, List<WriteRequest>> request = Map.of(table, deletes);
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    sleepBeforeRetry(attempt);
                }
                var finalRequest = request;
                var response = dynamoDb.batchWriteItem(b -> b.requestItems(finalRequest));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (attempt >= 10 && !request.isEmpty()) {
                    throw new IllegalStateException("deletes still unprocessed after " + attempt + " attempts");
                }
            }
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(Math.min(1_000, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Review toReview(Map<String, AttributeValue> item) {
        return new Review(item.get("courseId").s(), item.get("userId").s(), Integer.parseInt(item.get("rating").n()), item.get("text").s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()));
    }

    /**
     * A creator's published courses, newest first (GSI2, filtered to published), with their
     * counters (one BatchGetItem: the counters are in no index).
     */
    public List<Course> publishedBy(String creatorId, int limit) {
        List<Map<String, AttributeValue>> metas = new ArrayList<>();
        for (var item : dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :creator")
                .filterExpression("#status = :published")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":creator", s("CREATOR#" + creatorId), ":published", s("published")))
                .scanIndexForward(false)).items()) {
            metas.add(item);
            if (metas.size() >= limit) {
                break;
            }
        }
        return withStats(metas);
    }

    /**
     * A creator's own courses, drafts and published, newest created first: one Query of GSI2 (the
     * creator's partition holds only their courses' META items), then the page's counters by one
     * BatchGetItem as for every course list.
     */
    public Page<Course> createdBy(String creatorId, int limit, String cursor) {
        Map<String, AttributeValue> start = Cursors.decode(cursor, Map.of(
                "PK", "COURSE#" + Cursors.ID, "SK", Cursors.exactly("META"),
                "GSI2PK", Cursors.exactly("CREATOR#" + creatorId), "GSI2SK", Cursors.TIMESTAMP + "#" + Cursors.ID));
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName("GSI2")
                .keyConditionExpression("GSI2PK = :creator")
                .expressionAttributeValues(Map.of(":creator", s("CREATOR#" + creatorId)))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? Cursors.encode(page.lastEvaluatedKey()) : null;
        return new Page<>(withStats(page.items()), next);
    }

    /** Courses from their META items (in that order) with their counters, read by one BatchGetItem per 100. */
    private List<Course> withStats(List<Map<String, AttributeValue>> metas) {
        Map<String, Stats> stats = stats(metas.stream().map(item -> item.get("id").s()).toList());
        return metas.stream().map(item -> toCourse(item, stats.getOrDefault(item.get("id").s(), Stats.NONE))).toList();
    }

    /**
     * The counters of these courses, by id (courses without any are absent): BatchGetItem of their
     * META#STATS items, 100 a request, up to {@value #PARALLEL_READS} requests at once when there are
     * many (the search index's cold build).
     */
    public Map<String, Stats> stats(Collection<String> courseIds) {
        List<Map<String, AttributeValue>> keys = courseIds.stream().distinct().map(id -> key("COURSE#" + id, STATS)).toList();
        Map<String, Stats> result = new ConcurrentHashMap<>();
        Consumer<List<Map<String, AttributeValue>>> read = chunk -> batchGet(chunk, "PK, " + COUNTERS, null)
                .forEach(item -> result.put(item.get("PK").s().substring("COURSE#".length()), Stats.of(item)));
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 100) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + 100)));
        }
        if (chunks.size() <= 1) {
            chunks.forEach(read);
            return result;
        }
        try (var pool = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, chunks.size()))) {
            List<Future<?>> reads = new ArrayList<>();
            chunks.forEach(chunk -> reads.add(pool.submit(() -> read.accept(chunk))));
            for (var pending : reads) {
                pending.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return result;
    }

    /** The items of these keys (at most 100), eventually consistent, retrying what DynamoDB leaves unprocessed. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection, Map<String, String> names) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (keys.isEmpty()) {
            return items;
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .projectionExpression(projection).expressionAttributeNames(names).build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt > 0) {
                sleepBeforeRetry(attempt);
            }
            var finalRequest = request;
            var response = dynamoDb.batchGetItem(b -> b.requestItems(finalRequest));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
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

    /**
     * Sets the present fields of a lesson with an UpdateItem, so that concurrent changes of its other
     * fields, and an upload's media key, are never overwritten by a stale copy (a Put of the whole
     * lesson lost them). Moving it to {@code sectionId} is one transaction with a check that the
     * section exists. Null arguments are left as they are.
     */
    public LessonChange updateLesson(String courseId, String lessonId, String sectionId, String title, Long durationSeconds,
                                     Boolean freePreview, Integer position, String body) {
        List<String> sets = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (sectionId != null) {
            sets.add("sectionId = :sectionId");
            values.put(":sectionId", s(sectionId));
        }
        if (title != null) {
            sets.add("title = :title");
            values.put(":title", s(title));
        }
        if (durationSeconds != null) {
            sets.add("durationSeconds = :duration");
            values.put(":duration", n(durationSeconds));
        }
        if (freePreview != null) {
            sets.add("freePreview = :preview");
            values.put(":preview", AttributeValue.fromBool(freePreview));
        }
        if (position != null) {
            sets.add("#position = :position");
            names.put("#position", "position");
            values.put(":position", n(position));
        }
        if (body != null) {
            sets.add("body = :body");
            values.put(":body", s(body));
        }
        if (sets.isEmpty()) {
            return lesson(courseId, lessonId).isPresent() ? LessonChange.CHANGED : LessonChange.NO_LESSON;
        }
        String update = "SET " + String.join(", ", sets);
        Map<String, String> attributeNames = names.isEmpty() ? null : names;
        if (sectionId == null) {
            try {
                dynamoDb.updateItem(b -> b.tableName(table).key(key("COURSE#" + courseId, "LESSON#" + lessonId))
                        .updateExpression(update).conditionExpression("attribute_exists(PK)")
                        .expressionAttributeNames(attributeNames).expressionAttributeValues(values));
                return LessonChange.CHANGED;
            } catch (ConditionalCheckFailedException e) {
                return LessonChange.NO_LESSON;
            }
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("COURSE#" + courseId, "SECTION#" + sectionId))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + courseId, "LESSON#" + lessonId))
                            .updateExpression(update).conditionExpression("attribute_exists(PK)")
                            .expressionAttributeNames(attributeNames).expressionAttributeValues(values)).build()));
            return LessonChange.CHANGED;
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return LessonChange.NO_SECTION;
            }
            if (Items.anyConditionFailed(e)) {
                return LessonChange.NO_LESSON;
            }
            throw e;
        }
    }

    /**
     * Some lesson of the course other than {@code lessonId}, if there is one: a Query of at most two
     * lesson items (eventually consistent: the delete that relies on it checks it again in its transaction).
     */
    public Optional<String> anotherLesson(String courseId, String lessonId) {
        return dynamoDb.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :lesson)")
                        .expressionAttributeValues(Map.of(":pk", s("COURSE#" + courseId), ":lesson", s("LESSON#")))
                        .projectionExpression("SK").limit(2))
                .items().stream().map(item -> item.get("SK").s().substring("LESSON#".length()))
                .filter(id -> !id.equals(lessonId)).findFirst();
    }

    /**
     * Deletes a lesson so that a published course is never left without one: with {@code keeping}
     * (another lesson of the course) the delete happens only if that lesson still exists; without
     * it (the course's last lesson) only if the course is still a draft. DynamoDB serialises
     * transactions, so two concurrent deletes of a published course's last two lessons cannot both
     * succeed, and a concurrent publish either sees the lesson or fails its own check.
     */
    public LessonDeletion deleteLesson(String courseId, String lessonId, Optional<String> keeping) {
        TransactWriteItem condition = keeping
                .map(other -> TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                        .key(key("COURSE#" + courseId, "LESSON#" + other)).conditionExpression("attribute_exists(PK)")).build())
                .orElseGet(() -> TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                        .key(key("COURSE#" + courseId, "META")).conditionExpression("#status <> :published")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":published", s("published")))).build());
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("COURSE#" + courseId, "LESSON#" + lessonId))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    condition));
            return LessonDeletion.DELETED;
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return LessonDeletion.GONE;
            }
            if (Items.anyConditionFailed(e)) {
                return LessonDeletion.CHANGED;
            }
            throw e;
        }
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

    /**
     * Published courses, newest first, from GSI1; the filters run inside the Query, pages are filled
     * up to {@code limit}; the page's counters come by one BatchGetItem (they are in no index).
     */
    public Page<Course> published(int limit, String cursor, String filterExpression, Map<String, String> filterNames,
                                  Map<String, AttributeValue> filterValues) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
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
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            rounds++;
        } while (start != null && items.size() < limit && rounds < 10);
        return new Page<>(withStats(items), start == null ? null : Cursors.encode(start));
    }

    /**
     * Publishes {@code course} as read (version {@code course.version()}) if {@code lessonId} still
     * exists, in one transaction with a change marker: a course is never published empty, even when
     * its last lesson is deleted meanwhile. Returns the course as now stored; {@link StaleVersionException}
     * when the course changed or the lesson went since the caller read them.
     */
    public Course publish(Course course, String lessonId, Instant now) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + course.id(), "META"))
                            .updateExpression("SET #status = :published, publishedAt = :now, updatedAt = :now, GSI1PK = :gsi, GSI1SK = :sort, "
                                    + "version = :next")
                            .conditionExpression("attribute_exists(PK) AND version = :expected")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":published", s("published"), ":now", s(now.toString()), ":gsi", s("PUBLISHED"),
                                    ":sort", s(sortable(now) + "#" + course.id()),
                                    ":next", n(course.version() + 1), ":expected", n(course.version())))).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("COURSE#" + course.id(), "LESSON#" + lessonId))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    changeMarker(course.id(), now)));
        } catch (TransactionCanceledException e) {
            if (Items.anyConditionFailed(e)) {
                throw new StaleVersionException();
            }
            throw e;
        }
        return new Course(course.id(), course.creatorId(), course.creatorName(), course.title(), course.subtitle(), course.description(),
                course.language(), course.level(), course.tags(), course.price(), "published", course.createdAt(), now, now,
                course.version() + 1, course.rating());
    }

    /**
     * Back to draft, keeping the public fields as they are now (the version the caller read) in
     * {@code COURSE#id / PUBLIC}: what the course's learners keep seeing while the creator edits the
     * draft. Written here rather than at publish, because only an unpublished course needs it and
     * publishing and editing need not write it. With a change marker, which takes the course out of
     * the search index. {@link StaleVersionException} when the course changed.
     */
    public Course unpublish(Course course, Instant now) {
        Map<String, AttributeValue> snapshot = new HashMap<>(key("COURSE#" + course.id(), LAST_PUBLISHED));
        snapshot.put("type", s("lastPublished"));
        snapshot.put("title", s(course.title()));
        snapshot.put("subtitle", s(course.subtitle()));
        snapshot.put("description", s(course.description()));
        snapshot.put("language", s(course.language()));
        snapshot.put("level", s(course.level()));
        snapshot.put("tags", AttributeValue.fromL(course.tags().stream().map(Items::s).toList()));
        snapshot.put("priceAmount", n(course.price().amount()));
        snapshot.put("priceCurrency", s(course.price().currency()));
        snapshot.put("creatorName", s(course.creatorName()));
        snapshot.put("updatedAt", s(course.updatedAt().toString()));
        if (course.publishedAt() != null) {
            snapshot.put("publishedAt", s(course.publishedAt().toString()));
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + course.id(), "META"))
                            .updateExpression("SET #status = :draft, updatedAt = :now, version = :next REMOVE GSI1PK, GSI1SK, publishedAt")
                            .conditionExpression("attribute_exists(PK) AND version = :expected")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":draft", s("draft"), ":now", s(now.toString()),
                                    ":next", n(course.version() + 1), ":expected", n(course.version())))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(snapshot)).build(),
                    changeMarker(course.id(), now)));
        } catch (TransactionCanceledException e) {
            if (Items.anyConditionFailed(e)) {
                throw new StaleVersionException();
            }
            throw e;
        }
        return new Course(course.id(), course.creatorId(), course.creatorName(), course.title(), course.subtitle(), course.description(),
                course.language(), course.level(), course.tags(), course.price(), "draft", course.createdAt(), now, null,
                course.version() + 1, course.rating());
    }

    /** The last published public fields of these (unpublished) courses, by course id: BatchGetItem of their PUBLIC items. */
    public Map<String, Course> lastPublished(List<Course> courses) {
        Map<String, Course> byId = new HashMap<>();
        courses.forEach(c -> byId.put(c.id(), c));
        Map<String, Course> result = new HashMap<>();
        List<String> ids = List.copyOf(byId.keySet());
        for (int i = 0; i < ids.size(); i += 100) {
            var keys = ids.subList(i, Math.min(ids.size(), i + 100)).stream().map(id -> key("COURSE#" + id, LAST_PUBLISHED)).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                var finalRequest = request;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(finalRequest));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    String id = item.get("PK").s().substring("COURSE#".length());
                    result.put(id, toLastPublished(item, byId.get(id)));
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return result;
    }

    /** A course as the search index needs it; {@code published} false means: take it out. */
    public record SearchEntry(String courseId, boolean published, SearchIndex.Document document) {
    }

    /**
     * Every published course, for a full index build: GSI1, asking only for the attributes the index
     * needs, then the counters by BatchGetItem (they are in no index).
     */
    public List<SearchEntry> allPublishedForSearch() {
        List<Map<String, AttributeValue>> metas = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :published")
                        .expressionAttributeValues(Map.of(":published", s("PUBLISHED")))
                        .projectionExpression(SEARCH_FIELDS)
                        .expressionAttributeNames(SEARCH_FIELD_NAMES))
                .items().forEach(metas::add);
        Map<String, Stats> stats = stats(metas.stream().map(item -> item.get("id").s()).toList());
        return metas.stream().map(item -> toSearchEntry(item, stats.getOrDefault(item.get("id").s(), Stats.NONE))).toList();
    }

    /**
     * Courses marked changed at or after {@code since} (the same millisecond included), as they are
     * now: one Query of the change markers and, when there are any, one BatchGetItem of those
     * courses' META and META#STATS items (per 50 courses). A course that is not published (any
     * more) comes back with {@code published} false.
     */
    public List<SearchEntry> changedSince(Instant since) {
        Set<String> ids = new LinkedHashSet<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :changes AND SK >= :since")
                        .expressionAttributeValues(Map.of(":changes", s(CHANGES), ":since", s(sortable(since))))
                        .projectionExpression("courseId"))
                .items().forEach(item -> ids.add(item.get("courseId").s()));
        Map<String, CourseItems> found = courseItems(List.copyOf(ids), "PK, SK, " + SEARCH_FIELDS + ", " + COUNTERS,
                new HashMap<>(SEARCH_FIELD_NAMES));
        return ids.stream().map(id -> found.containsKey(id)
                ? toSearchEntry(found.get(id).meta(), Stats.of(found.get(id).stats()))
                : new SearchEntry(id, false, null)).toList();
    }

    /** A course's META item and its counters' item (null while it has none). */
    private record CourseItems(Map<String, AttributeValue> meta, Map<String, AttributeValue> stats) {
    }

    /**
     * The META and META#STATS items of these courses, by id: one BatchGetItem per 50 courses
     * (100 keys); an id without a course is absent.
     */
    private Map<String, CourseItems> courseItems(List<String> courseIds, String projection, Map<String, String> names) {
        Map<String, CourseItems> result = new HashMap<>();
        for (int i = 0; i < courseIds.size(); i += 50) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            courseIds.subList(i, Math.min(courseIds.size(), i + 50)).forEach(id -> {
                keys.add(key("COURSE#" + id, "META"));
                keys.add(key("COURSE#" + id, STATS));
            });
            Map<String, Map<String, AttributeValue>> metas = new HashMap<>();
            Map<String, Map<String, AttributeValue>> stats = new HashMap<>();
            for (var item : batchGet(keys, projection, names)) {
                String id = item.get("PK").s().substring("COURSE#".length());
                (item.get("SK").s().equals(STATS) ? stats : metas).put(id, item);
            }
            metas.forEach((id, meta) -> result.put(id, new CourseItems(meta, stats.get(id))));
        }
        return result;
    }

    /**
     * Marks a course as changed, for a change that is not written in a transaction of its own (an
     * edit of a published course's fields): written after the change, so the index reads it as it is.
     */
    public void courseChanged(String courseId, Instant at) {
        dynamoDb.putItem(b -> b.tableName(table).item(changeMarkerItem(courseId, at)));
    }

    /** The change marker of a transaction: {@code COURSE_CHANGES / changedAt#courseId}, expiring after {@link Courses#CHANGE_KEPT}. */
    private TransactWriteItem changeMarker(String courseId, Instant at) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(changeMarkerItem(courseId, at))).build();
    }

    private static Map<String, AttributeValue> changeMarkerItem(String courseId, Instant at) {
        return Courses.changeMarker(courseId, at);
    }

    /** An update of a course's counters ({@code ADD ...}); the item is created by the first one. */
    private TransactWriteItem statsChange(String courseId, String add, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":stats", s("courseStats"));
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key("COURSE#" + courseId, STATS))
                .updateExpression("SET #type = :stats " + add)
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(all)).build();
    }

    private static SearchEntry toSearchEntry(Map<String, AttributeValue> item, Stats stats) {
        boolean published = "published".equals(item.get("status").s());
        long publishedAt = item.containsKey("publishedAt") ? Instant.parse(item.get("publishedAt").s()).toEpochMilli() : 0;
        return new SearchEntry(item.get("id").s(), published, new SearchIndex.Document(item.get("id").s(), item.get("title").s(),
                item.get("subtitle").s(), item.get("tags").l().stream().map(AttributeValue::s).toList(),
                item.containsKey("creatorName") ? item.get("creatorName").s() : "", publishedAt,
                new SearchIndex.Facets(item.get("creatorId").s(), item.get("level").s(), item.get("language").s(),
                        Long.parseLong(item.get("priceAmount").n()), stats.enrollCount(), stats.ratingCount(), stats.ratingSum())));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }

    // --- entitlements: free enrolment (commerce will grant purchases in its own transactions) --

    /**
     * Grants access unless the user already has it; returns whether this call granted it. The
     * entitlement, the course's enrolment count (its popularity) and a change marker (which tells the
     * listings) are one transaction of three small items; the entitlement carries its
     * {@code enrolled} event in its outbox (core's {@link Outbox}).
     */
    public boolean grant(Entitlement entitlement, EventEnvelope enrolled) {
        Map<String, AttributeValue> item = new HashMap<>(Entitlements.key(entitlement.userId(), entitlement.courseId()));
        item.putAll(Map.of("type", s("entitlement"), "userId", s(entitlement.userId()), "courseId", s(entitlement.courseId()),
                "since", s(entitlement.since().toString()), "source", s(entitlement.source()),
                Outbox.ATTRIBUTE, Outbox.attribute(enrolled)));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)")).build(),
                    statsChange(entitlement.courseId(), "ADD enrollCount :one", Map.of(":one", n(1))),
                    changeMarker(entitlement.courseId(), entitlement.since())));
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
        // a purchase under dispute keeps its entitlement item, suspended: it opens nothing meanwhile
        return item == null || item.isEmpty() || !Entitlements.isActive(item) ? Optional.empty() : Optional.of(toEntitlement(item));
    }

    public List<Entitlement> entitlements(String userId) {
        return entitlements(userId, false);
    }

    /**
     * A user's entitlements; {@code consistent} for erasure, which must not miss one granted a moment
     * ago and takes suspended ones too; otherwise only those that open their course now.
     */
    public List<Entitlement> entitlements(String userId, boolean consistent) {
        List<Entitlement> result = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(consistent).keyConditionExpression("PK = :pk AND begins_with(SK, :e)")
                        .expressionAttributeValues(Map.of(":pk", s(Entitlements.partition(userId)), ":e", s(Entitlements.SORT_PREFIX))))
                .items().forEach(item -> {
                    // erasure (consistent) takes every item; access and the library only active ones
                    if (consistent || Entitlements.isActive(item)) {
                        result.add(toEntitlement(item));
                    }
                });
        return result;
    }

    /**
     * Courses by id with their counters: one BatchGetItem of their META and META#STATS items per 50
     * courses; missing ids are skipped.
     */
    public List<Course> courses(List<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        Map<String, CourseItems> found = courseItems(distinct, null, null);
        return distinct.stream().filter(found::containsKey)
                .map(id -> toCourse(found.get(id).meta(), Stats.of(found.get(id).stats()))).toList();
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
        item.put("GSI2PK", s("CREATOR#" + c.creatorId()));
        item.put("GSI2SK", s(sortable(c.createdAt()) + "#" + c.id()));
        return item;
    }

    /** A course from its META item and its counters (a course item written before the counters moved may still carry old ones: they are ignored). */
    private static Course toCourse(Map<String, AttributeValue> item, Stats stats) {
        return new Course(item.get("id").s(), item.get("creatorId").s(),
                item.containsKey("creatorName") ? item.get("creatorName").s() : "", item.get("title").s(), item.get("subtitle").s(),
                item.get("description").s(), item.get("language").s(), item.get("level").s(),
                item.get("tags").l().stream().map(AttributeValue::s).toList(),
                new Money(Long.parseLong(item.get("priceAmount").n()), item.get("priceCurrency").s()),
                item.get("status").s(), Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                item.containsKey("publishedAt") ? Instant.parse(item.get("publishedAt").s()) : null,
                Long.parseLong(item.get("version").n()), stats.rating());
    }

    /** The last published public fields over the live course's identity, status, counters and version. */
    private static Course toLastPublished(Map<String, AttributeValue> item, Course live) {
        return new Course(live.id(), live.creatorId(), item.get("creatorName").s(), item.get("title").s(), item.get("subtitle").s(),
                item.get("description").s(), item.get("language").s(), item.get("level").s(),
                item.get("tags").l().stream().map(AttributeValue::s).toList(),
                new Money(Long.parseLong(item.get("priceAmount").n()), item.get("priceCurrency").s()),
                live.status(), live.createdAt(), Instant.parse(item.get("updatedAt").s()),
                item.containsKey("publishedAt") ? Instant.parse(item.get("publishedAt").s()) : null, live.version(), live.rating());
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

    /** Fixed-width UTC timestamps, so that sort keys order as time does (Instant.toString drops zero millis). */
    static String sortable(Instant instant) {
        return Courses.sortable(instant);
    }
}
