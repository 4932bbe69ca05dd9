package dev.lectern.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.local.emulators.SharedEmulators;
import dev.lectern.recommend.RecommendService.Recommendation;
import dev.lectern.recommend.RecommendService.SimilarCourse;
import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;

/**
 * Serving against DynamoDB Local and S3Proxy: candidates are read a page at a time (those shown and
 * a few more), and when courses were unpublished since the model was built, further pages, each
 * twice the one before, fill the answer up.
 */
class RecommendServiceIntegrationTest {

    private static final int COURSES = 12;

    /** The keys of each BatchGetItem the service makes, in order. */
    private final List<Integer> batchGetKeys = new ArrayList<>();
    private String[] courseIds;
    private DynamoDbClient counted;
    private RecommendService service;

    /**
     * Twelve published courses, each of its own creator, in English, c0 the most popular; c0's
     * neighbours are c1..c11, best first; a version of that model published and loaded.
     */
    @BeforeEach
    void publishCoursesAndModel() {
        String[] creators = new String[COURSES];
        courseIds = new String[COURSES];
        for (int i = 0; i < COURSES; i++) {
            creators[i] = Ids.newId();
            courseIds[i] = RecommendTestSupport.publishCourse(creators[i], "en", List.of("paging"), "Course " + i);
        }
        int k = COURSES - 1;
        int[] ids = new int[COURSES * k];
        float[] scores = new float[COURSES * k];
        Arrays.fill(ids, -1);
        for (int j = 0; j < k; j++) {
            ids[j] = j + 1;
            scores[j] = 1f - j / 100f;
        }
        float[] popularity = new float[COURSES];
        for (int i = 0; i < COURSES; i++) {
            popularity[i] = COURSES - i;
        }
        RecommendModel model = new RecommendModel("20261129T120000Z-PAGE", Instant.parse("2026-11-29T12:00:00Z"), courseIds,
                creators, IntStream.range(0, COURSES).toArray(), new String[] {"en"}, new int[COURSES], new String[] {"paging"},
                IntStream.range(0, COURSES).mapToObj(i -> new int[] {0}).toArray(int[][]::new), popularity,
                new Neighbours(COURSES, k, ids, scores), new Factors(0, COURSES, new float[0], 0, new float[0]));
        LecternConfig config = RecommendTestSupport.config(RecommendTestSupport.freshBucket());
        ModelStore models = new ModelStore(SharedEmulators.get().s3(), config);
        models.publish(model, Map.of("test", true));
        counted = LocalClients.dynamoDb(SharedEmulators.get().resources().dynamodbEndpoint(), new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchGetItemRequest read) {
                    batchGetKeys.add(read.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum());
                }
            }
        });
        service = new RecommendService(new ModelHolder(models, Clock.systemUTC()), new RecommendStore(counted, config), counted,
                config, Clock.systemUTC());
    }

    @AfterEach
    void closeClient() {
        counted.close();
    }

    @Test
    void similarReadsTheCourseAndOnePageWhenAllArePublished() {
        List<SimilarCourse> items = service.similar(courseIds[0], Map.of("limit", "2")).items();

        assertThat(items).extracting(i -> i.course().id()).containsExactly(courseIds[1], courseIds[2]);
        // the course itself and a page of 4 (those shown and 2 more)
        assertThat(batchGetKeys).containsExactly(5);
    }

    @Test
    void similarReadsTheNextPageWhenTheFirstHoldsCoursesUnpublishedSinceTheModel() {
        // limit 2: a first page of 4 candidates (c1..c4), of which only c4 is still published
        Set.of(1, 2, 3).forEach(i -> RecommendTestSupport.unpublish(courseIds[i]));

        List<SimilarCourse> items = service.similar(courseIds[0], Map.of("limit", "2")).items();

        assertThat(items).extracting(i -> i.course().id()).containsExactly(courseIds[4], courseIds[5]);
        // then a page twice as large: the 7 candidates left
        assertThat(batchGetKeys).containsExactly(5, 7);
    }

    @Test
    void recommendationsReadTheNextPageToo() {
        // a learner with no courses gets the most popular in their language: c0, c1, … of which c0..c2 are gone
        Set.of(0, 1, 2).forEach(i -> RecommendTestSupport.unpublish(courseIds[i]));

        List<Recommendation> items = service.forLearner(newLearner(), Map.of("limit", "2", "language", "en"), null).items();

        assertThat(items).extracting(i -> i.course().id()).containsExactly(courseIds[3], courseIds[4]);
        assertThat(items).extracting(i -> i.reason().type()).containsOnly("popular_in");
        assertThat(batchGetKeys).containsExactly(4, 8);
    }

    @Test
    void whenNothingIsPublishedAnyMoreAFewGrowingReadsSeeEveryCandidate() {
        IntStream.range(0, COURSES).forEach(i -> RecommendTestSupport.unpublish(courseIds[i]));

        List<Recommendation> items = service.forLearner(newLearner(), Map.of("limit", "1", "language", "en"), null).items();

        assertThat(items).isEmpty();
        // pages of 3, 6 and the 3 left of 12: every candidate read once
        assertThat(batchGetKeys).containsExactly(3, 6, 3);
    }

    private static Caller newLearner() {
        return new Caller(Ids.newId(), "Learner", Set.of("learner"), Ids.newId(), 0);
    }
}
