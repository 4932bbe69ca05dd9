package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.Money;
import dev.lectern.catalog.CatalogModel.Rating;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.local.emulators.Emulators;
import dev.lectern.local.emulators.MovableClock;
import dev.lectern.local.emulators.SharedEmulators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A course's counters live in their own small item ({@code COURSE#id / META#STATS}) beside the
 * course, move only with the writes that justify them, are read with the course at no extra
 * request, and reach the in-memory index through the change markers. Against DynamoDB Local, with
 * a clock the test moves and a client that records which requests the store sends.
 */
class CourseCountersIntegrationTest {

    private static Emulators emulators;
    private static LecternConfig config;
    private static DynamoDbClient client;
    private static final List<String> REQUESTS = Collections.synchronizedList(new ArrayList<>());

    private final MovableClock clock = new MovableClock(Instant.now());
    private CatalogStore store;
    private CatalogService service;
    private final Caller creator = caller(true);

    @BeforeAll
    static void startEmulators() {
        emulators = SharedEmulators.get();
        config = emulators.resources().config(SharedEmulators.STAGE);
        client = LocalClients.dynamoDb(emulators.resources().dynamodbEndpoint(), new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                REQUESTS.add(context.response().getClass().getSimpleName().replace("Response", ""));
            }
        });
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void buildService() {
        store = new CatalogStore(client, config);
        service = new CatalogService(store, () -> {
            throw new IllegalStateException("these courses have articles only");
        }, clock, BusinessMetrics.NONE);
    }

    @Test
    void countersLiveBesideTheCourseAreZeroWithoutTheirItemAndMoveOnlyWithTheirWrites() {
        String tag = "t" + Ids.newId().substring(16).toLowerCase();
        String courseId = publishedCourse("Counted", tag);
        Map<String, AttributeValue> metaBefore = item("COURSE#" + courseId, "META");

        assertThat(item("COURSE#" + courseId, CatalogStore.STATS)).as("no counters before the first change").isEmpty();
        assertThat(store.course(courseId).orElseThrow().rating()).isEqualTo(new Rating(0, 0));
        assertThat(store.detail(courseId).orElseThrow().course().rating()).isEqualTo(new Rating(0, 0));

        Caller first = caller(false);
        Caller second = caller(false);
        assertThat(service.enroll(first, courseId).newlyEnrolled()).isTrue();
        assertThat(service.enroll(first, courseId).newlyEnrolled()).as("enrolling again counts nothing").isFalse();
        service.enroll(second, courseId);
        service.addReview(first, courseId, new CatalogRequests.ReviewFields(4, "good"));
        clock.advance(Duration.ofSeconds(1));
        service.addReview(second, courseId, new CatalogRequests.ReviewFields(2, "meh"));
        service.editReview(second, courseId, new CatalogRequests.ReviewFields(5, "better after all"));

        assertThat(item("COURSE#" + courseId, CatalogStore.STATS)).containsEntry("enrollCount", AttributeValue.fromN("2"))
                .containsEntry("ratingCount", AttributeValue.fromN("2")).containsEntry("ratingSum", AttributeValue.fromN("9"));
        assertThat(item("COURSE#" + courseId, "META")).as("the course item is not written by enrolments and reviews")
                .isEqualTo(metaBefore);
        Rating rating = new Rating(2, 4.5);
        assertThat(store.course(courseId).orElseThrow().rating()).isEqualTo(rating);
        assertThat(store.detail(courseId).orElseThrow().course().rating()).isEqualTo(rating);
        assertThat(store.courses(List.of(courseId))).extracting(Course::rating).containsExactly(rating);
        assertThat(store.publishedBy(creator.userId(), 10)).extracting(Course::rating).containsExactly(rating);
        assertThat(service.newest(CourseQuery.parse(Map.of("tag", tag))).items()).extracting(Course::rating).containsExactly(rating);
        assertThat(service.reviews(courseId, Map.of()).items()).extracting(CatalogService.ReviewView::text)
                .as("the listed copies follow the reviews, newest first").containsExactly("better after all", "good");

        CatalogService.Erasure erased = service.eraseAccount(second.userId());
        assertThat(erased).isEqualTo(new CatalogService.Erasure(1, 1, 0));
        assertThat(item("COURSE#" + courseId, CatalogStore.STATS)).as("popularity counts enrolments made")
                .containsEntry("enrollCount", AttributeValue.fromN("2"))
                .containsEntry("ratingCount", AttributeValue.fromN("1")).containsEntry("ratingSum", AttributeValue.fromN("4"));
        assertThat(service.reviews(courseId, Map.of()).items()).extracting(CatalogService.ReviewView::text).containsExactly("good");
        assertThat(service.eraseAccount(second.userId())).as("a replay finds nothing").isEqualTo(new CatalogService.Erasure(0, 0, 0));
        assertThat(store.course(courseId).orElseThrow().rating()).isEqualTo(new Rating(1, 4));
    }

    @Test
    void readingACourseWithItsCountersIsOneRequest() {
        String courseId = publishedCourse("One read", "oneread");
        service.enroll(caller(false), courseId);

        REQUESTS.clear();
        store.course(courseId);
        store.detail(courseId);
        store.courses(List.of(courseId));

        assertThat(REQUESTS).containsExactly("Query", "Query", "BatchGetItem");
    }

    @Test
    void theIndexLearnsOfEnrolmentsReviewsEditsAndUnpublishingFromOneQueryOfTheFeed() {
        String tag = "t" + Ids.newId().substring(16).toLowerCase();
        String older = publishedCourse("Older", tag);
        clock.advance(Duration.ofSeconds(1));
        String newer = publishedCourse("Newer", tag);
        SearchService search = new SearchService(store, clock);
        assertThat(browse(search, "popular", tag)).as("no enrolments yet: newest first").containsExactly(newer, older);

        for (int i = 0; i < 2; i++) {
            Caller learner = caller(false);
            service.enroll(learner, older);
            service.addReview(learner, older, new CatalogRequests.ReviewFields(5, ""));
        }
        Caller learner = caller(false);
        service.enroll(learner, newer);
        service.addReview(learner, newer, new CatalogRequests.ReviewFields(3, ""));
        assertThat(browse(search, "popular", tag)).as("within the refresh interval the index is not read again").containsExactly(newer, older);

        clock.advance(SearchService.REFRESH_INTERVAL.plusSeconds(1));
        REQUESTS.clear();
        assertThat(browse(search, "popular", tag)).containsExactly(older, newer);
        assertThat(REQUESTS).as("the refresh: one Query of the markers, one BatchGetItem of the changed courses; then the page")
                .containsExactly("Query", "BatchGetItem", "BatchGetItem");
        assertThat(browse(search, "rating", tag)).containsExactly(older, newer);

        service.editReview(learner, newer, new CatalogRequests.ReviewFields(5, "changed my mind"));
        Caller another = caller(false);
        service.enroll(another, newer);
        service.enroll(caller(false), newer);
        clock.advance(SearchService.REFRESH_INTERVAL.plusSeconds(1));
        assertThat(browse(search, "popular", tag)).as("three enrolments against two").containsExactly(newer, older);
        assertThat(browse(search, "rating", tag)).as("both average 5.0: more ratings first").containsExactly(older, newer);

        service.update(creator, older, new CatalogRequests.CourseFields("Renamed entirely", null, null, null, null, null, null),
                java.util.Optional.empty());
        clock.advance(SearchService.REFRESH_INTERVAL.plusSeconds(1));
        assertThat(search.search(Map.of("q", "renamed")).items()).extracting(h -> h.course().id()).containsExactly(older);

        clock.advance(SearchService.OVERLAP.plusSeconds(1));
        browse(search, "popular", tag); // reads the rename's marker once more, inside its margin
        clock.advance(SearchService.REFRESH_INTERVAL.plusSeconds(1));
        REQUESTS.clear();
        browse(search, "popular", tag);
        assertThat(REQUESTS).as("nothing changed since the last refresh but its margin: one Query, then the page")
                .containsExactly("Query", "BatchGetItem");

        service.unpublish(creator, newer);
        clock.advance(SearchService.REFRESH_INTERVAL.plusSeconds(1));
        assertThat(browse(search, "popular", tag)).containsExactly(older);
    }

    @Test
    void aColdIndexReadsTheCountersOfEveryPublishedCourse() {
        String tag = "t" + Ids.newId().substring(16).toLowerCase();
        String enrolled = publishedCourse("Enrolled", tag);
        clock.advance(Duration.ofSeconds(1));
        String newer = publishedCourse("Newer", tag);
        service.enroll(caller(false), enrolled);
        clock.advance(Duration.ofHours(1));

        assertThat(browse(new SearchService(store, clock), "popular", tag)).as("one enrolment beats being newer").containsExactly(enrolled, newer);
    }

    private List<String> browse(SearchService search, String sort, String tag) {
        return search.browse(CourseQuery.parse(Map.of("sort", sort, "tag", tag))).items().stream().map(Course::id).toList();
    }

    private String publishedCourse(String title, String tag) {
        Course course = service.create(creator, new CatalogRequests.CourseFields(title, "", "", "en", "beginner", List.of(tag),
                new Money(0L, "usd")));
        var section = service.addSection(creator, course.id(), new CatalogRequests.NewSection("S", 0));
        service.addLesson(creator, course.id(), new CatalogRequests.NewLesson(section.id(), "A", "article", null, true, 0, "text"));
        service.publish(creator, course.id());
        return course.id();
    }

    private static Caller caller(boolean creator) {
        return new Caller(Ids.newId(), "Someone", creator ? Set.of(Caller.LEARNER, Caller.CREATOR) : Set.of(Caller.LEARNER), "jti", 1);
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return emulators.dynamoDb().getItem(b -> b.tableName(config.tableName()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }
}
