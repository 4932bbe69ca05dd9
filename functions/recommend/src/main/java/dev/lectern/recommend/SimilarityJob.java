package dev.lectern.recommend;

import dev.lectern.recommend.model.AlsParams;
import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.ImplicitAls;
import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the {@code similarity} job: the published courses, the learner × course strengths of
 * the behaviour log ({@link InteractionSource}), each course's neighbours by neighbourhood
 * regression over its cosine neighbours (the model the offline evaluation found best) and the
 * implicit matrix-factorisation model over them, content neighbours, and a new version in the
 * analytics bucket with the pointer moved last ({@link ModelStore}).
 */
@Singleton
public class SimilarityJob {

    private static final Logger LOG = LoggerFactory.getLogger(SimilarityJob.class);

    private final RecommendStore catalog;
    private final InteractionSource source;
    private final ModelStore models;
    private final Clock clock;

    public SimilarityJob(RecommendStore catalog, InteractionSource source, ModelStore models, Clock clock) {
        this.catalog = catalog;
        this.source = source;
        this.models = models;
        this.clock = clock;
    }

    /** What a run did, for its output and logs. */
    public record Summary(String version, int courses, int learners, long pairsRead, int interactions, int coldCourses,
                          int parquetFiles, int factorRank, Map<String, Long> millis) {
    }

    public Summary run() {
        Instant now = clock.instant();
        Map<String, Long> millis = new LinkedHashMap<>();
        long started = System.nanoTime();
        List<CourseFacts> courses = catalog.publishedCourses();
        Map<String, Integer> courseIndex = new HashMap<>();
        courses.forEach(c -> courseIndex.put(c.id(), courseIndex.size()));
        long mark = lap(millis, "courses", started);

        Map<String, Integer> learners = new HashMap<>();
        Triples triples = new Triples();
        InteractionSource.Read read = source.read(now, (learner, courseId, strength) -> {
            Integer item = courseIndex.get(courseId);
            if (item != null) {
                triples.add(learners.computeIfAbsent(learner, l -> learners.size()), item, strength);
            }
        });
        mark = lap(millis, "interactions", mark);
        InteractionMatrix matrix = InteractionMatrix.of(learners.size(), courses.size(), triples.users, triples.items,
                triples.weights, triples.size);
        mark = lap(millis, "matrix", mark);
        // the model served: what the offline evaluation found best (docs/recommendations.md)
        Neighbours behaviour = NeighbourhoodRegression.compute(matrix, RegressionParams.DEFAULT);
        mark = lap(millis, "neighbours", mark);
        Factors factors = matrix.nonZeros() == 0 ? new Factors(0, courses.size(), new float[0], 0, new float[0])
                : ImplicitAls.train(matrix.learnerSample(AlsParams.MAX_TRAINING_INTERACTIONS, AlsParams.DEFAULT.seed()), AlsParams.DEFAULT);
        mark = lap(millis, "factorisation", mark);
        Neighbours content = ContentSimilarity.compute(courses, ModelAssembly.CONTENT_SLOTS);
        Neighbours neighbours = ModelAssembly.merge(behaviour, content);
        mark = lap(millis, "content", mark);

        float[] popularity = ModelAssembly.popularity(matrix);
        String version = ModelStore.newVersion(now);
        RecommendModel model = ModelAssembly.model(version, now, courses, popularity, neighbours,
                new Factors(factors.rank(), factors.items(), factors.itemFactors(), 0, new float[0]));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", version);
        manifest.put("createdAt", now.toString());
        manifest.put("courses", courses.size());
        manifest.put("learners", learners.size());
        manifest.put("interactions", matrix.nonZeros());
        manifest.put("neighbours", RegressionParams.DEFAULT);
        manifest.put("factorisation", AlsParams.DEFAULT);
        models.publish(model, manifest);
        lap(millis, "publish", mark);
        millis.put("total", (System.nanoTime() - started) / 1_000_000);
        LOG.info("similarity {}: {} courses, {} learners, {} interactions in {} ms", version, courses.size(), learners.size(),
                matrix.nonZeros(), millis.get("total"));
        return new Summary(version, courses.size(), learners.size(), read.pairs(), matrix.nonZeros(), ModelAssembly.coldCourses(popularity), read.files(),
                factors.rank(), millis);
    }

    private static long lap(Map<String, Long> millis, String phase, long since) {
        long now = System.nanoTime();
        millis.put(phase, (now - since) / 1_000_000);
        return now;
    }

    /** Growable primitive columns: tens of millions of boxed triples would not fit a function's memory. */
    private static final class Triples {
        int[] users = new int[1024];
        int[] items = new int[1024];
        float[] weights = new float[1024];
        int size;

        void add(int user, int item, float weight) {
            if (size == users.length) {
                users = Arrays.copyOf(users, size * 2);
                items = Arrays.copyOf(items, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            users[size] = user;
            items[size] = item;
            weights[size++] = weight;
        }
    }
}
