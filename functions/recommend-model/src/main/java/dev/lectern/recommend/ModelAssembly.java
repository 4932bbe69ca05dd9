package dev.lectern.recommend;

import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.Neighbours;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model version is put together from what the job computed, whichever engine computed it
 * (the function job or the Spark job): behaviour neighbours with content neighbours merged in, each
 * course's popularity, and the catalog's facts.
 */
public final class ModelAssembly {

    /**
     * Slots of each course's neighbour list kept for content neighbours (a course nobody has touched yet is reachable).
     * Public: the serving benchmark sizes its synthetic neighbour lists as {@link #merge} does.
     */
    public static final int CONTENT_SLOTS = 5;
    /** A content neighbour's score, relative to the course's best behaviour neighbour: behaviour outranks content. */
    static final float CONTENT_WEIGHT = 0.25f;

    private ModelAssembly() {
    }

    /** Each course's popularity: the sum of its learners' strengths, in double (as the Spark job sums), rounded once. */
    public static float[] popularity(InteractionMatrix matrix) {
        float[] popularity = new float[matrix.items()];
        int[] itemStart = matrix.itemStart();
        float[] itemWeights = matrix.itemWeights();
        for (int i = 0; i < popularity.length; i++) {
            double sum = 0;
            for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                sum += itemWeights[p];
            }
            popularity[i] = (float) sum;
        }
        return popularity;
    }

    /** The courses nobody has touched: popularity 0 (a job's output reports them). */
    public static int coldCourses(float[] popularity) {
        int cold = 0;
        for (float p : popularity) {
            cold += p == 0 ? 1 : 0;
        }
        return cold;
    }

    /**
     * Each course's behaviour neighbours, then up to {@value #CONTENT_SLOTS} content neighbours it
     * does not have yet, scored at {@value #CONTENT_WEIGHT} of its best behaviour neighbour (of 1 for a
     * course without any), best first.
     */
    public static Neighbours merge(Neighbours behaviour, Neighbours content) {
        int n = behaviour.items();
        int k = behaviour.k() + content.k();
        int[] ids = new int[n * k];
        float[] scores = new float[n * k];
        Arrays.fill(ids, -1);
        for (int i = 0; i < n; i++) {
            int base = i * k;
            int c = behaviour.count(i);
            Integer[] order = new Integer[c + content.count(i)];
            int[] cand = new int[order.length];
            float[] candScore = new float[order.length];
            int m = 0;
            for (int j = 0; j < c; j++) {
                cand[m] = behaviour.id(i, j);
                candScore[m++] = behaviour.score(i, j);
            }
            float reference = c > 0 ? behaviour.score(i, 0) : 1f;
            for (int j = 0; j < content.count(i); j++) {
                int other = content.id(i, j);
                boolean known = false;
                for (int b = 0; b < c && !known; b++) {
                    known = cand[b] == other;
                }
                if (!known) {
                    cand[m] = other;
                    candScore[m++] = CONTENT_WEIGHT * reference * content.score(i, j);
                }
            }
            for (int j = 0; j < m; j++) {
                order[j] = j;
            }
            Arrays.sort(order, 0, m, (a, b) -> Float.compare(candScore[b], candScore[a]));
            for (int j = 0; j < m; j++) {
                ids[base + j] = cand[order[j]];
                scores[base + j] = candScore[order[j]];
            }
        }
        return new Neighbours(n, k, ids, scores);
    }

    public static RecommendModel model(String version, Instant now, List<CourseFacts> courses, float[] popularity,
                                        Neighbours neighbours, Factors factors) {
        int n = courses.size();
        Map<String, Integer> creators = new LinkedHashMap<>();
        Map<String, Integer> languages = new LinkedHashMap<>();
        Map<String, Integer> tags = new LinkedHashMap<>();
        int[] creatorOf = new int[n];
        int[] languageOf = new int[n];
        int[][] tagsOf = new int[n][];
        for (int i = 0; i < n; i++) {
            CourseFacts course = courses.get(i);
            creatorOf[i] = creators.computeIfAbsent(course.creatorId(), c -> creators.size());
            languageOf[i] = languages.computeIfAbsent(course.language(), l -> languages.size());
            tagsOf[i] = course.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct()
                    .mapToInt(t -> tags.computeIfAbsent(t, x -> tags.size())).toArray();
        }
        return new RecommendModel(version, now, courses.stream().map(CourseFacts::id).toArray(String[]::new),
                creators.keySet().toArray(String[]::new), creatorOf, languages.keySet().toArray(String[]::new), languageOf,
                tags.keySet().toArray(String[]::new), tagsOf, popularity, neighbours, factors);
    }
}
