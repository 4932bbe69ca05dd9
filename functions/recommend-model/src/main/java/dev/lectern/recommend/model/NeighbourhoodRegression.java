package dev.lectern.recommend.model;

import java.util.Arrays;

/**
 * Neighbourhood regression ("local EASE"): each target item j is predicted from its K most
 * cosine-similar items N(j) (never j itself) by ridge regression on the learners' strengths,
 * {@code b(j) = (G_NN + λ I)^−1 G_Nj} with {@code G = XᵀX}, and a learner's score of j is
 * {@code Σ_{i ∈ N(j) ∩ items(u)} strength_i · b_i(j)}. Weights may be negative.
 *
 * <p>The result is stored per source item, as {@link Scoring#knn} reads it: for source i the
 * targets j whose N(j) holds i, with weight {@code b_i(j)}, the {@code kept} largest best first.
 *
 * <p>Computation: (a) one pass like {@link ItemSimilarity}'s accumulates, for every item, its dot
 * products with every co-occurring item and keeps its top-K cosine neighbours (with their exact
 * dots, the right-hand side) and its top-M raw dot products; (b) for each target in parallel, the
 * K × K block {@code G_NN} is filled from the members' stored dot rows, λ added on the diagonal, and
 * solved by Cholesky in place. <b>Approximation:</b> a pair of neighbours whose dot is in neither
 * item's stored top M is taken as 0 (M ≥ the number of co-occurring items makes it exact). Should
 * the approximated block not be positive definite, λ is doubled for that target until it is.
 * (c) the per-target weights are transposed per source in target order and cut to the best
 * {@code kept}. Each target and each source is handled by one worker and written by index, so the
 * result does not depend on scheduling.
 */
public final class NeighbourhoodRegression {

    private static final int CHUNK = 32;

    private NeighbourhoodRegression() {
    }

    /**
     * The first pass's result: per item its top-K cosine neighbours (best first, −1 padded) with
     * their exact dot products, its top-M dot products with other items (largest first, −1
     * padded) and its squared norm. Reusable for any smaller K and M (the prefixes).
     */
    public static final class Gram {
        final int items;
        final int k;
        final int m;
        final int[] cosIds;
        final float[] cosDots;
        final int[] dotIds;
        final float[] dotValues;
        final double[] diagonal;

        Gram(int items, int k, int m, int[] cosIds, float[] cosDots, int[] dotIds, float[] dotValues, double[] diagonal) {
            this.items = items;
            this.k = k;
            this.m = m;
            this.cosIds = cosIds;
            this.cosDots = cosDots;
            this.dotIds = dotIds;
            this.dotValues = dotValues;
            this.diagonal = diagonal;
        }

        public int neighbours() {
            return k;
        }

        public int dots() {
            return m;
        }

        /** Row r's cosine neighbours, K per row (best first, −1 padded), and their dots. */
        public int[] neighbourIds() {
            return cosIds;
        }

        public float[] neighbourDots() {
            return cosDots;
        }

        /** Row r's largest dots, M per row (largest first, −1 padded), and the items they are with. */
        public int[] dotIds() {
            return dotIds;
        }

        public float[] dotValues() {
            return dotValues;
        }
    }

    public static Neighbours compute(InteractionMatrix matrix, RegressionParams params) {
        return compute(matrix, params, Parallel.defaultThreads());
    }

    public static Neighbours compute(InteractionMatrix matrix, RegressionParams params, int threads) {
        return solve(prepare(matrix, params.neighbours(), params.dots(), params.maxUserItems(), threads), params, threads);
    }

    /** Pass (a): the cosine neighbours and stored dot rows, for K neighbours and M dots. */
    public static Gram prepare(InteractionMatrix matrix, int neighbours, int dots, int maxUserItems, int threads) {
        InteractionMatrix x = matrix.strongestPerUser(maxUserItems);
        int items = x.items();
        double[] diagonal = CoOccurrence.squaredNorms(x);
        float[] norm = new float[items];
        for (int i = 0; i < items; i++) {
            norm[i] = (float) Math.sqrt(diagonal[i]);
        }
        int[] cosIds = new int[items * neighbours];
        float[] cosDots = new float[items * neighbours];
        int[] dotIds = new int[Math.multiplyExact(items, dots)];
        float[] dotValues = new float[dotIds.length];
        Arrays.fill(cosIds, -1);
        Arrays.fill(dotIds, -1);
        Parallel.forChunks(threads, items, CHUNK, () -> new Accumulator(x, null, neighbours, dots, norm, cosIds, cosDots, dotIds, dotValues));
        return new Gram(items, neighbours, dots, cosIds, cosDots, dotIds, dotValues, diagonal);
    }

    /**
     * Pass (a) for some items only, one row per item in the order given, for an engine that splits the
     * catalogue into blocks (the Spark job): {@code x} must hold every learner of those items with all
     * of that learner's items (already cut to the strongest), and {@code norm} every item's norm. The
     * rows are then those {@link #prepare} computes for the same items. No diagonal is kept.
     */
    public static Gram prepareRows(InteractionMatrix x, float[] norm, int[] items, int neighbours, int dots) {
        int rows = items.length;
        int[] cosIds = new int[rows * neighbours];
        float[] cosDots = new float[rows * neighbours];
        int[] dotIds = new int[Math.multiplyExact(rows, dots)];
        float[] dotValues = new float[dotIds.length];
        Arrays.fill(cosIds, -1);
        Arrays.fill(dotIds, -1);
        new Accumulator(x, items, neighbours, dots, norm, cosIds, cosDots, dotIds, dotValues).run(0, rows);
        return new Gram(rows, neighbours, dots, cosIds, cosDots, dotIds, dotValues, null);
    }

    /** Passes (b) and (c) with {@code params.neighbours() ≤ gram.neighbours()} and {@code params.dots() ≤ gram.dots()}. */
    public static Neighbours solve(Gram gram, RegressionParams params, int threads) {
        int k = params.neighbours();
        if (k > gram.k || params.dots() > gram.m) {
            throw new IllegalArgumentException("the Gram pass kept " + gram.k + " neighbours and " + gram.m + " dots");
        }
        int items = gram.items;
        float[] weights = new float[items * k];
        Parallel.forChunks(threads, items, CHUNK, () -> new Solver(gram, params, weights));
        // (c) transpose: for source i, the targets j (ascending) with i ∈ N(j)
        boolean positiveOnly = params.positiveOnly();
        int[] start = new int[items + 1];
        for (int j = 0; j < items; j++) {
            for (int p = 0; p < k; p++) {
                int i = gram.cosIds[j * gram.k + p];
                if (i < 0) {
                    break;
                }
                if (!positiveOnly || weights[j * k + p] > 0) {
                    start[i + 1]++;
                }
            }
        }
        for (int i = 0; i < items; i++) {
            start[i + 1] += start[i];
        }
        int[] targets = new int[start[items]];
        float[] values = new float[start[items]];
        int[] next = Arrays.copyOf(start, items);
        for (int j = 0; j < items; j++) {
            for (int p = 0; p < k; p++) {
                int i = gram.cosIds[j * gram.k + p];
                if (i < 0) {
                    break;
                }
                float w = weights[j * k + p];
                if (!positiveOnly || w > 0) {
                    int slot = next[i]++;
                    targets[slot] = j;
                    values[slot] = w;
                }
            }
        }
        int kept = params.kept();
        int[] ids = new int[items * kept];
        float[] scores = new float[items * kept];
        Arrays.fill(ids, -1);
        Parallel.forChunks(threads, items, CHUNK * 8, () -> {
            TopK top = new TopK(kept);
            return (from, to) -> {
                for (int i = from; i < to; i++) {
                    top.clear();
                    for (int s = start[i]; s < start[i + 1]; s++) {
                        top.offer(targets[s], values[s]);
                    }
                    top.drainBestFirst(ids, scores, i * kept, 1);
                }
            };
        });
        return new Neighbours(items, kept, ids, scores);
    }

    private static final class Accumulator implements Parallel.Worker {
        private final CoOccurrence co;
        /** The item of each row, or null when row i is item i. */
        private final int[] items;
        private final int k;
        private final int m;
        private final float[] norm;
        private final int[] cosIds;
        private final float[] cosDots;
        private final int[] dotIds;
        private final float[] dotValues;
        private final TopK cosTop;
        private final TopK dotTop;
        private final float[] scratch;
        private final int[] scratchIds;

        Accumulator(InteractionMatrix x, int[] items, int k, int m, float[] norm, int[] cosIds, float[] cosDots, int[] dotIds,
                    float[] dotValues) {
            co = new CoOccurrence(x, false);
            this.items = items;
            this.k = k;
            this.m = m;
            this.norm = norm;
            this.cosIds = cosIds;
            this.cosDots = cosDots;
            this.dotIds = dotIds;
            this.dotValues = dotValues;
            cosTop = new TopK(k);
            dotTop = new TopK(m);
            scratch = new float[k];
            scratchIds = new int[k];
            Arrays.fill(scratchIds, -1);
        }

        @Override
        public void run(int from, int to) {
            double[] dot = co.dot;
            int[] touched = co.touched;
            for (int row = from; row < to; row++) {
                int i = items == null ? row : items[row];
                int n = co.accumulate(i);
                cosTop.clear();
                dotTop.clear();
                float ni = norm[i];
                float cosFloor = 0;
                float dotFloor = 0;
                for (int t = 0; t < n; t++) {
                    int j = touched[t];
                    float d = (float) dot[j];
                    if (j == i || !(d > 0)) {
                        continue;
                    }
                    float cos = d / (ni * norm[j]);
                    // the neighbours are the first K in (score descending, index ascending), an order any
                    // engine can reproduce (the Spark job does), not the order the learners were walked;
                    // the touched items come in ascending order, so a pair tied with the worst kept one
                    // has the higher index and stays out: only strictly better pairs are offered
                    if (cos > cosFloor) {
                        cosTop.offer(j, cos);
                        cosFloor = cosTop.floor();
                    }
                    if (d > dotFloor) {
                        dotTop.offer(j, d);
                        dotFloor = dotTop.floor();
                    }
                }
                int found = Math.min(k, n);
                cosTop.drainBestFirst(scratchIds, scratch, 0, 1);
                for (int p = 0; p < k && p < found; p++) {
                    int j = scratchIds[p];
                    if (j < 0) {
                        break;
                    }
                    cosIds[row * k + p] = j;
                    cosDots[row * k + p] = (float) dot[j];
                }
                Arrays.fill(scratchIds, -1);
                dotTop.drainBestFirst(dotIds, dotValues, row * m, 1);
                co.clear();
            }
        }
    }

    private static final class Solver implements Parallel.Worker {
        private final Gram gram;
        private final int k;
        private final int m;
        private final double lambda;
        private final float[] weights;
        private final int[] position;
        private final double[] a;
        private final double[] work;
        private final double[] b;
        private final double[] rhs;

        Solver(Gram gram, RegressionParams params, float[] weights) {
            this.gram = gram;
            k = params.neighbours();
            m = params.dots();
            lambda = params.lambda();
            this.weights = weights;
            position = new int[gram.items];
            Arrays.fill(position, -1);
            a = new double[k * k];
            work = new double[k * k];
            b = new double[k];
            rhs = new double[k];
        }

        @Override
        public void run(int from, int to) {
            int[] cosIds = gram.cosIds;
            int[] dotIds = gram.dotIds;
            float[] dotValues = gram.dotValues;
            int gk = gram.k;
            int gm = gram.m;
            for (int j = from; j < to; j++) {
                int n = 0;
                while (n < k && cosIds[j * gk + n] >= 0) {
                    position[cosIds[j * gk + n]] = n;
                    n++;
                }
                if (n == 0) {
                    continue;
                }
                Arrays.fill(a, 0, n * n, 0);
                for (int p = 0; p < n; p++) {
                    int member = cosIds[j * gk + p];
                    a[p * n + p] = gram.diagonal[member];
                    for (int s = member * gm, end = s + m; s < end; s++) {
                        int other = dotIds[s];
                        if (other < 0) {
                            break;
                        }
                        int q = position[other];
                        if (q >= 0 && q != p) {
                            a[p * n + q] = dotValues[s];
                            a[q * n + p] = dotValues[s];
                        }
                    }
                }
                for (int p = 0; p < n; p++) {
                    rhs[p] = gram.cosDots[j * gk + p];
                }
                solveTarget(a, rhs, n, lambda, work, b);
                for (int p = 0; p < n; p++) {
                    weights[j * k + p] = (float) b[p];
                    position[cosIds[j * gk + p]] = -1;
                }
            }
        }
    }

    /**
     * One target's weights into {@code out}: the solution of {@code (A + λ'I) x = rhs} for its n × n
     * Gram block {@code a} (row-major, left unchanged) and its right-hand side (the target's dots with
     * its neighbours), λ' the first of λ, 2λ, 4λ, … that leaves the block positive definite.
     * {@code work} holds n × n. Public because the Spark job solves its blocks with this very code.
     */
    public static void solveTarget(double[] a, double[] rhs, int n, double lambda, double[] work, double[] out) {
        for (double l = lambda; ; l *= 2) {
            System.arraycopy(a, 0, work, 0, n * n);
            for (int p = 0; p < n; p++) {
                work[p * n + p] += l;
                out[p] = rhs[p];
            }
            if (choleskySolve(work, out, n)) {
                return;
            }
        }
    }

    /**
     * Solves {@code A x = b} for the symmetric n × n matrix {@code a} (row-major, overwritten by
     * its Cholesky factor in the lower triangle), leaving x in {@code b}; false if A is not
     * positive definite.
     */
    static boolean choleskySolve(double[] a, double[] b, int n) {
        for (int c = 0; c < n; c++) {
            int cn = c * n;
            double d = a[cn + c] - Vectors.dot(a, cn, a, cn, c);
            if (!(d > 1e-12 * Math.abs(a[cn + c]) + 1e-300)) {
                return false;
            }
            d = Math.sqrt(d);
            a[c * n + c] = d;
            for (int r = c + 1; r < n; r++) {
                int rn = r * n;
                a[rn + c] = (a[rn + c] - Vectors.dot(a, rn, a, cn, c)) / d;
            }
        }
        for (int r = 0; r < n; r++) {
            b[r] = (b[r] - Vectors.dot(a, r * n, b, 0, r)) / a[r * n + r];
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int t = r + 1; t < n; t++) {
                s -= a[t * n + r] * b[t];
            }
            b[r] = s / a[r * n + r];
        }
        return true;
    }
}
