package dev.lectern.recommend;

import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import java.time.Instant;
import java.util.Arrays;

/** Small hand-made model versions for the serving logic's tests. */
final class TestModels {

    private TestModels() {
    }

    static String id(int n) {
        return String.format("01JDQ5Y00000000000000000%02d", n);
    }

    /**
     * Six courses c0..c5 of creators A (c0, c1, c2), B (c3, c4) and C (c5); c5 is in zh-Hans, the rest
     * in en. Neighbours (k 3): c0 → c1 0.9, c3 0.5; c1 → c0 0.9, c2 0.6; c2 → c1 0.6, c4 0.8; c3 → c0 0.5;
     * c4 → c2 0.8; c5 none. Tags: c0, c1, c2 "java"; c3, c4 "python"; c5 "java". Popularity 6, 5, 4, 3, 2, 1.
     */
    static RecommendModel sixCourses(String version) {
        int n = 6;
        int k = 3;
        int[] ids = new int[n * k];
        float[] scores = new float[n * k];
        Arrays.fill(ids, -1);
        set(ids, scores, k, 0, new int[] {1, 3}, new float[] {0.9f, 0.5f});
        set(ids, scores, k, 1, new int[] {0, 2}, new float[] {0.9f, 0.6f});
        set(ids, scores, k, 2, new int[] {4, 1}, new float[] {0.8f, 0.6f});
        set(ids, scores, k, 3, new int[] {0}, new float[] {0.5f});
        set(ids, scores, k, 4, new int[] {2}, new float[] {0.8f});
        String[] courseIds = new String[n];
        Arrays.setAll(courseIds, TestModels::id);
        return new RecommendModel(version, Instant.parse("2026-11-28T01:30:00Z"), courseIds, new String[] {"A", "B", "C"},
                new int[] {0, 0, 0, 1, 1, 2}, new String[] {"en", "zh-Hans"}, new int[] {0, 0, 0, 0, 0, 1},
                new String[] {"java", "python"}, new int[][] {{0}, {0}, {0}, {1}, {1}, {0}},
                new float[] {6, 5, 4, 3, 2, 1}, new Neighbours(n, k, ids, scores),
                new Factors(2, n, new float[] {1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0.5f, 0.5f}, 0, new float[0]));
    }

    private static void set(int[] ids, float[] scores, int k, int item, int[] neighbours, float[] values) {
        for (int j = 0; j < neighbours.length; j++) {
            ids[item * k + j] = neighbours[j];
            scores[item * k + j] = values[j];
        }
    }
}
