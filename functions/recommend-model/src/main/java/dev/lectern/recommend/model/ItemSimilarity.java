package dev.lectern.recommend.model;

import java.util.Arrays;

/**
 * Exact item-item similarity with top-k pruning, on all available processors.
 *
 * <p>For each item i, its learners' items are walked and the dot products {@code dot(i, j) = Σ_u
 * w_ui · w_uj} (and, when {@code minSupport} > 1, the number of learners sharing i and j) are
 * summed into a dense accumulator per worker; only the touched slots are read back and reset. Then
 * {@code sim(i, j) = dot / (|i|^(2·alpha) · |j|^(2·(1−alpha)) + shrink)}, pairs shared by fewer than
 * {@code minSupport} learners are dropped, the best k are kept (never i itself), and the kept
 * scores are raised to {@code exponent}. The cost is Σ over learners of (items per learner)², so
 * each learner counts with at most {@code maxUserItems} of their strongest items: beyond that a
 * single heavy learner would cost more than thousands of ordinary ones and tell little about
 * any one pair. The norms are those of the capped matrix.
 */
public final class ItemSimilarity {

    /** Items per chunk a worker takes at a time: small enough to balance popular and rare items. */
    private static final int CHUNK = 32;

    private ItemSimilarity() {
    }

    public static Neighbours compute(InteractionMatrix matrix, SimilarityParams params) {
        return compute(matrix, params, Parallel.defaultThreads());
    }

    public static Neighbours compute(InteractionMatrix matrix, SimilarityParams params, int threads) {
        InteractionMatrix m = matrix.strongestPerUser(params.maxUserItems());
        int items = m.items();
        int k = params.neighbours();
        double[] squares = CoOccurrence.squaredNorms(m);
        float[] left = new float[items];
        float[] right = new float[items];
        for (int i = 0; i < items; i++) {
            left[i] = (float) Math.pow(squares[i], params.alpha());
            right[i] = (float) Math.pow(squares[i], 1 - params.alpha());
        }
        int[] ids = new int[items * k];
        float[] scores = new float[items * k];
        Arrays.fill(ids, -1);
        Parallel.forChunks(threads, items, CHUNK, () -> new Worker(m, params, left, right, ids, scores));
        return new Neighbours(items, k, ids, scores);
    }

    private static final class Worker implements Parallel.Worker {

        private final float[] left;
        private final float[] right;
        private final float shrink;
        private final int minSupport;
        private final double exponent;
        private final int k;
        private final int[] ids;
        private final float[] scores;
        private final CoOccurrence co;
        private final TopK top;

        Worker(InteractionMatrix m, SimilarityParams params, float[] left, float[] right, int[] ids, float[] scores) {
            this.left = left;
            this.right = right;
            shrink = (float) params.shrink();
            minSupport = params.minSupport();
            exponent = params.exponent();
            k = params.neighbours();
            this.ids = ids;
            this.scores = scores;
            // learners in common are counted only when pairs are dropped by them
            co = new CoOccurrence(m, minSupport > 1);
            top = new TopK(k);
        }

        @Override
        public void run(int from, int to) {
            double[] dot = co.dot;
            int[] touched = co.touched;
            for (int i = from; i < to; i++) {
                int n = co.accumulate(i);
                top.clear();
                float li = left[i];
                // once k pairs are kept, a pair must beat the worst of them: most are turned away here
                float floor = 0;
                for (int t = 0; t < n; t++) {
                    int j = touched[t];
                    if (j != i && (minSupport <= 1 || co.support(j) >= minSupport)) {
                        float sim = (float) dot[j] / (li * right[j] + shrink);
                        if (sim >= floor && sim > 0) {
                            top.offer(j, sim);
                            floor = top.floor();
                        }
                    }
                }
                co.clear();
                top.drainBestFirst(ids, scores, i * k, exponent);
            }
        }
    }
}
