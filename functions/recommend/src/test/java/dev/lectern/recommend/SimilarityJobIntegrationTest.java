package dev.lectern.recommend;

import static dev.lectern.recommend.RecommendTestSupport.Event.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.local.emulators.MovableClock;
import dev.lectern.local.emulators.SharedEmulators;
import dev.lectern.recommend.RecommendTestSupport.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The job end to end against the emulators: published courses in the table, Parquet event files in
 * the bucket, a version and its pointer out; serving switching versions, and never reading one the
 * pointer does not name.
 */
class SimilarityJobIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-28T01:30:00Z");

    private final String creator = Ids.newId();
    private final String javaBasics = RecommendTestSupport.publishCourse(creator, "en", List.of("java"), "Java basics");
    private final String javaStreams = RecommendTestSupport.publishCourse(creator, "en", List.of("java"), "Java streams in depth");
    private final String pythonData = RecommendTestSupport.publishCourse(Ids.newId(), "en", List.of("python"), "Python for data");
    /** Nobody has touched these yet: reachable only through what they say about themselves. */
    private final String javaConcurrency = RecommendTestSupport.publishCourse(Ids.newId(), "en", List.of("java"), "Java concurrency");
    private final String javaInChinese = RecommendTestSupport.publishCourse(Ids.newId(), "zh-Hans", List.of("java"), "Java 并发编程");

    private final MovableClock clock = new MovableClock(NOW);

    /** Four learners took both Java courses, three took Python, one of them also Java basics. */
    private List<Event> behaviour() {
        Instant at = NOW.minus(Duration.ofDays(2));
        List<Event> events = new ArrayList<>();
        IntStream.range(0, 4).forEach(u -> {
            events.add(of("enrolled", at, "J" + u, javaBasics));
            events.add(of("enrolled", at, "J" + u, javaStreams));
        });
        IntStream.range(0, 3).forEach(u -> events.add(of("enrolled", at, "P" + u, pythonData)));
        events.add(of("course_viewed", at, "P0", javaBasics));
        return events;
    }

    private SimilarityJob job(String bucket) {
        LecternConfig config = RecommendTestSupport.config(bucket);
        return new SimilarityJob(new RecommendStore(SharedEmulators.get().dynamoDb(), config),
                new InteractionSource(SharedEmulators.get().s3(), config), store(bucket), clock);
    }

    private static ModelStore store(String bucket) {
        return new ModelStore(SharedEmulators.get().s3(), RecommendTestSupport.config(bucket));
    }

    @Test
    void theJobLearnsWhichCoursesGoTogetherAndReachesUntouchedOnesThroughTheirContentInTheirLanguage() {
        String bucket = RecommendTestSupport.freshBucket();
        RecommendTestSupport.writeDay(bucket, behaviour());

        SimilarityJob.Summary summary = job(bucket).run();

        assertThat(summary.parquetFiles()).isEqualTo(1);
        assertThat(summary.learners()).isEqualTo(7);
        assertThat(summary.interactions()).isEqualTo(4 * 2 + 3 + 1);
        assertThat(summary.courses()).isGreaterThanOrEqualTo(5);
        assertThat(summary.coldCourses()).isGreaterThanOrEqualTo(2);
        ModelStore store = store(bucket);
        ModelVersions.Pointer pointer = store.pointer().orElseThrow();
        assertThat(pointer.version()).isEqualTo(summary.version()).startsWith("20261128T013000Z-");
        RecommendModel model = store.load(pointer);
        Recommender recommender = new Recommender(model);

        List<String> likeBasics = recommender.similar(javaBasics, List.of(), 10).stream().map(Recommender.Candidate::courseId).toList();
        assertThat(likeBasics.get(0)).isEqualTo(javaStreams);
        assertThat(likeBasics).contains(javaConcurrency).doesNotContain(javaBasics);
        // the cold course is a content neighbour of the Java courses in English only
        assertThat(neighbours(model, javaBasics)).contains(javaConcurrency).doesNotContain(javaInChinese);
        assertThat(neighbours(model, javaInChinese)).doesNotContain(javaBasics, javaStreams, javaConcurrency);
        // a learner of Java basics is recommended Java streams first, because of Java basics
        List<Recommender.Candidate> forLearner = recommender.forLearner("a-learner", Map.of(javaBasics, 1f), "en", List.of(), 2, 5);
        assertThat(forLearner.get(0).courseId()).isEqualTo(javaStreams);
        assertThat(forLearner.get(0).reason()).isEqualTo(Recommender.Reason.becauseYouTook(javaBasics));
        assertThat(model.factors.rank()).isGreaterThan(0);
    }

    private static List<String> neighbours(RecommendModel model, String courseId) {
        int item = model.indexOf(courseId);
        return IntStream.range(0, model.neighbours.count(item)).mapToObj(j -> model.courseId(model.neighbours.id(item, j))).toList();
    }

    @Test
    void servingSwitchesToANewVersionWithinTheCheckIntervalAndNeverReadsOneThePointerDoesNotName() {
        String bucket = RecommendTestSupport.freshBucket();
        ModelStore store = store(bucket);
        ModelHolder holder = new ModelHolder(store, clock);
        assertThat(holder.current().version()).as("before any run").isEqualTo("none");

        RecommendTestSupport.writeDay(bucket, behaviour());
        String first = job(bucket).run().version();
        clock.advance(ModelHolder.CHECK_INTERVAL.plusSeconds(1));
        holder.current(); // a check is due: it runs in the background, requests go on with the current version
        for (int i = 0; i < 200 && !holder.current().version().equals(first); i++) {
            sleep(100);
        }
        assertThat(holder.current().version()).isEqualTo(first);

        clock.advance(Duration.ofMinutes(1));
        String second = job(bucket).run().version();
        assertThat(holder.current().version()).as("no check due yet").isEqualTo(first);
        assertThat(holder.refresh().version()).isEqualTo(second);

        // a version whose objects are written but whose pointer never moved (a job that died): not read
        String orphan = "20261128T013500Z-ORPHAN";
        SharedEmulators.get().s3().putObject(b -> b.bucket(bucket).key(ModelVersions.ROOT + orphan + "/" + ModelVersions.MODEL),
                RequestBody.fromString("half a model"));
        assertThat(holder.refresh().version()).isEqualTo(second);
        // a pointer to an object that is not there (or not a model): the current version stays
        SharedEmulators.get().s3().putObject(b -> b.bucket(bucket).key(ModelVersions.POINTER), RequestBody.fromString(
                "{\"version\":\"" + orphan + "\",\"model\":\"recommend/" + orphan + "/model.bin\",\"createdAt\":\"2026-11-28T01:35:00Z\"}"));
        assertThat(holder.refresh().version()).isEqualTo(second);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLastThreeVersionsAreKept() {
        String bucket = RecommendTestSupport.freshBucket();
        RecommendTestSupport.writeDay(bucket, behaviour());
        List<String> versions = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            versions.add(job(bucket).run().version());
            clock.advance(Duration.ofDays(1));
        }

        assertThat(store(bucket).versions()).containsExactlyElementsOf(versions.subList(2, 5));
        assertThat(store(bucket).pointer().orElseThrow().version()).isEqualTo(versions.get(4));
    }

    @Test
    void runsThatNeverWroteAModelDoNotCountAmongTheThreeKeptAndAreRemovedOnceANewerVersionIsPublished() {
        String bucket = RecommendTestSupport.freshBucket();
        RecommendTestSupport.writeDay(bucket, behaviour());
        List<String> versions = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            versions.add(job(bucket).run().version());
            clock.advance(Duration.ofDays(1));
        }
        // three refused or failed Spark runs: their courses were written under newer versions, no model followed
        List<String> refused = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            String version = ModelStore.newVersion(clock.instant());
            store(bucket).writeCourses(version, List.of());
            refused.add(version);
            clock.advance(Duration.ofHours(1));
        }

        String next = job(bucket).run().version();

        // the version served until now and the one before it are still there for readers and for rolling back
        assertThat(store(bucket).versions()).containsExactly(versions.get(1), versions.get(2), next);
        assertThat(store(bucket).pointer().orElseThrow().version()).isEqualTo(next);
    }
}
