package dev.lectern.recommend.model;

import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * Implicit ALS training (Hu, Koren and Volinsky 2008), and folding a learner in from their items
 * at serving time.
 *
 * <p>Each half-iteration fixes one side Y and solves, for every row x of the other side,
 * {@code (YᵀY + Yᵀ(C−I)Y + λI) x = YᵀC·1} with confidence {@code c = 1 + alpha · strength} on the
 * row's observed pairs. {@code YᵀY} is computed once per half-iteration; each row is then solved
 * approximately by three conjugate-gradient steps started from its previous value (Takács, Pilászy
 * and Tikk 2011), so a half-iteration costs O(nnz · rank + rows · rank²) instead of a rank³
 * factorisation per row. Every row is solved by one thread from the same inputs, and {@code YᵀY}
 * is summed over a fixed partition of the rows, so the result for a seed does not depend on the
 * number of threads or their scheduling.
 */
public final class ImplicitAls {

    private static final int CG_STEPS = 3;
    private static final int ROWS_PER_CHUNK = 256;
    /**
     * Rows up to this many entries take their products from a transposed copy; longer ones (a
     * popular course's learners) by dot products, so the copy stays a few cache-sized arrays
     * instead of rank × millions of floats.
     */
    private static final int TRANSPOSED_MAX = 1024;
    /** Fixed, not per thread: the order of the Gram matrix's float sums must not depend on the pool. */
    private static final int GRAM_BLOCKS = 32;
    private static final float INIT_SCALE = 0.01f;

    /** {@code YᵀY} of the item factors a serving instance folds learners in against, computed once per model. */
    private static final Map<float[], double[]> ITEM_GRAMS = Collections.synchronizedMap(new WeakHashMap<>());

    private ImplicitAls() {
    }

    public static Factors train(InteractionMatrix matrix, AlsParams params) {
        return train(matrix, params, Parallel.defaultThreads());
    }

    public static Factors train(InteractionMatrix matrix, AlsParams params, int threads) {
        int rank = params.rank();
        SplittableRandom random = new SplittableRandom(params.seed());
        // rows as separate arrays while training: every kernel then runs from index 0 of both of its
        // arrays, which C2 vectorises (with two offsets into float arrays that might be one array, it cannot)
        float[][] itemRows = randomRows(matrix.items(), rank, random);
        float[][] userRows = randomRows(matrix.users(), rank, random);
        for (int iteration = 0; iteration < params.iterations(); iteration++) {
            solve(userRows, matrix.userStart(), matrix.userItems(), matrix.userWeights(), itemRows, params, threads);
            solve(itemRows, matrix.itemStart(), matrix.itemUsers(), matrix.itemWeights(), userRows, params, threads);
        }
        return new Factors(rank, matrix.items(), flatten(itemRows, rank), matrix.users(), flatten(userRows, rank));
    }

    private static float[][] randomRows(int rows, int rank, SplittableRandom random) {
        float[][] out = new float[rows][rank];
        for (float[] row : out) {
            for (int f = 0; f < rank; f++) {
                row[f] = (float) random.nextDouble() * INIT_SCALE;
            }
        }
        return out;
    }

    private static float[] flatten(float[][] rows, int rank) {
        float[] out = new float[rows.length * rank];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * rank, rank);
        }
        return out;
    }

    /**
     * A learner's factor vector from their items and strengths, against fixed item factors: the
     * same least-squares problem as training, solved exactly (Cholesky of rank × rank).
     */
    public static float[] foldIn(Factors factors, AlsParams params, int[] items, float[] strengths) {
        int rank = factors.rank();
        if (params.rank() != rank) {
            throw new IllegalArgumentException("the parameters' rank " + params.rank() + " is not the factors' " + rank);
        }
        double[] gram = ITEM_GRAMS.computeIfAbsent(factors.itemFactors(), y -> gramExact(y, factors.items(), rank));
        double[] a = gram.clone();
        double[] b = new double[rank];
        for (int f = 0; f < rank; f++) {
            a[f * rank + f] += params.regularization();
        }
        float[] y = factors.itemFactors();
        for (int p = 0; p < items.length; p++) {
            if (items[p] < 0 || items[p] >= factors.items()) {
                throw new IllegalArgumentException("item " + items[p] + " is outside the model's " + factors.items());
            }
            int base = items[p] * rank;
            double c = 1 + params.alpha() * strengths[p];
            for (int f = 0; f < rank; f++) {
                double yf = y[base + f];
                b[f] += c * yf;
                double scaled = (c - 1) * yf;
                for (int g = 0; g <= f; g++) {
                    a[f * rank + g] += scaled * y[base + g];
                }
            }
        }
        return choleskySolve(a, b, rank);
    }

    private static void solve(float[][] target, int[] start, int[] index, float[] weights, float[][] other,
                              AlsParams params, int threads) {
        int rank = params.rank();
        float[][] gram = gram(other, rank, threads);
        for (int f = 0; f < rank; f++) {
            gram[f][f] += (float) params.regularization();
        }
        float alpha = (float) params.alpha();
        Parallel.forChunks(threads, target.length, ROWS_PER_CHUNK, () -> new RowSolver(target, start, index, weights, other, gram, alpha));
    }

    /** One worker's conjugate-gradient solves, with its scratch vectors. */
    private static final class RowSolver implements Parallel.Worker {

        private final float[][] x;
        private final int[] start;
        private final int[] index;
        private final float[] weights;
        private final float[][] y;
        private final float[][] gram;
        private final float alpha;
        private final float[] r;
        private final float[] p;
        private final float[] ap;
        /** The row's y_i, their transpose (rank × degree, short rows only), their confidences minus one, and Y_row·v. */
        private float[][] rows = new float[0][];
        private final float[][] columns;
        private float[] extra = new float[0];
        private float[] products = new float[0];

        RowSolver(float[][] x, int[] start, int[] index, float[] weights, float[][] y, float[][] gram, float alpha) {
            this.x = x;
            this.start = start;
            this.index = index;
            this.weights = weights;
            this.y = y;
            this.gram = gram;
            this.alpha = alpha;
            int rank = gram.length;
            r = new float[rank];
            p = new float[rank];
            ap = new float[rank];
            columns = new float[rank][TRANSPOSED_MAX];
        }

        @Override
        public void run(int from, int to) {
            for (int row = from; row < to; row++) {
                solve(x[row], start[row], start[row + 1]);
            }
        }

        /**
         * Three CG steps on {@code (YᵀY + λI + Σ (c−1)·y_i·y_iᵀ) x = Σ c·y_i} from the row's current x.
         * The products y_i·v of a step are taken as one matrix-vector product over the row's
         * transposed y_i (rank axpys over the row's degree): vectorised, where a dot product per
         * y_i would be a scalar sum; rows longer than {@link #TRANSPOSED_MAX} use the dot products.
         */
        private void solve(float[] xr, int from, int to) {
            int degree = to - from;
            gather(from, degree);
            // r = b − A·x = Σ (c − (c − 1)·y_i·x)·y_i − (YᵀY + λI)·x
            project(xr, degree);
            multiply(gram, xr, r);
            Vectors.scale(-1, r);
            for (int j = 0; j < degree; j++) {
                products[j] = 1 + extra[j] - extra[j] * products[j];
            }
            combine(products, rows, degree, r);
            System.arraycopy(r, 0, p, 0, r.length);
            float rr = Vectors.dot(r, r);
            for (int step = 0; step < CG_STEPS && rr > 1e-20f; step++) {
                project(p, degree);
                multiply(gram, p, ap);
                for (int j = 0; j < degree; j++) {
                    products[j] *= extra[j];
                }
                combine(products, rows, degree, ap);
                float pap = Vectors.dot(p, ap);
                if (!(pap > 0)) {
                    break;
                }
                float a = rr / pap;
                Vectors.axpy(a, p, xr);
                Vectors.axpy(-a, ap, r);
                float next = Vectors.dot(r, r);
                Vectors.scaleAdd(next / rr, p, r);
                rr = next;
            }
        }

        private void gather(int from, int degree) {
            if (rows.length < degree) {
                int capacity = Math.max(degree, rows.length * 2);
                rows = new float[capacity][];
                extra = new float[capacity];
                products = new float[capacity];
            }
            for (int j = 0; j < degree; j++) {
                rows[j] = y[index[from + j]];
                extra[j] = alpha * weights[from + j];
            }
            if (degree <= TRANSPOSED_MAX) {
                for (int j = 0; j < degree; j++) {
                    float[] yi = rows[j];
                    for (int f = 0; f < yi.length; f++) {
                        columns[f][j] = yi[f];
                    }
                }
            }
        }

        /** {@code products[j] = y_j · v} for the row's y_j. */
        private void project(float[] v, int degree) {
            if (degree > TRANSPOSED_MAX) {
                for (int j = 0; j < degree; j++) {
                    products[j] = Vectors.dot(rows[j], v);
                }
                return;
            }
            java.util.Arrays.fill(products, 0, degree, 0f);
            combine(v, columns, columns.length, products, degree);
        }
    }

    /** {@code out = G·v} for symmetric G, as a sum of G's rows (vectorisable axpys rather than dot products). */
    private static void multiply(float[][] gram, float[] v, float[] out) {
        java.util.Arrays.fill(out, 0f);
        combine(v, gram, gram.length, out);
    }

    /** {@code out += Σ_j a[j] · x[j]} over j < count, whole rows, in j order. */
    private static void combine(float[] a, float[][] x, int count, float[] out) {
        combine(a, x, count, out, out.length);
    }

    /** {@code out[0..n) += Σ_j a[j] · x[j][0..n)} over j < count, in j order, four rows a pass. */
    private static void combine(float[] a, float[][] x, int count, float[] out, int n) {
        int j = 0;
        for (; j + 3 < count; j += 4) {
            Vectors.axpy4(a[j], x[j], a[j + 1], x[j + 1], a[j + 2], x[j + 2], a[j + 3], x[j + 3], out, n);
        }
        for (; j < count; j++) {
            Vectors.axpy(a[j], x[j], out, n);
        }
    }

    /** {@code YᵀY} of the factor rows, summed block by block in a fixed order. */
    static float[][] gram(float[][] y, int rank, int threads) {
        int rows = y.length;
        int blockRows = Math.max(1, (rows + GRAM_BLOCKS - 1) / GRAM_BLOCKS);
        int blocks = (rows + blockRows - 1) / blockRows;
        float[][][] partial = new float[blocks][][];
        Parallel.forChunks(threads, blocks, 1, () -> (from, to) -> {
            for (int block = from; block < to; block++) {
                float[][] g = new float[rank][rank];
                for (int row = block * blockRows, end = Math.min(rows, row + blockRows); row < end; row++) {
                    float[] yr = y[row];
                    for (int f = 0; f < rank; f++) {
                        Vectors.axpy(yr[f], yr, g[f]);
                    }
                }
                partial[block] = g;
            }
        });
        float[][] gram = new float[rank][rank];
        for (int f = 0; f < rank; f++) {
            for (int g = 0; g < rank; g++) {
                double sum = 0;
                for (float[][] block : partial) {
                    sum += block[f][g];
                }
                gram[f][g] = (float) sum;
            }
        }
        return gram;
    }

    /** The lower triangle of {@code YᵀY} in double, for the exact fold-in. */
    private static double[] gramExact(float[] y, int rows, int rank) {
        double[] gram = new double[rank * rank];
        for (int row = 0; row < rows; row++) {
            int base = row * rank;
            for (int f = 0; f < rank; f++) {
                double yf = y[base + f];
                for (int g = 0; g <= f; g++) {
                    gram[f * rank + g] += yf * y[base + g];
                }
            }
        }
        return gram;
    }

    /** Solves A·x = b for symmetric positive definite A given by its lower triangle (overwritten). */
    private static float[] choleskySolve(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                throw new IllegalStateException("the fold-in system is not positive definite (regularization must be > 0)");
            }
            double l = Math.sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / l;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * z[k];
            }
            z[i] = s / a[i * n + i];
        }
        float[] x = new float[n];
        double[] solution = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * solution[k];
            }
            solution[i] = s / a[i * n + i];
            x[i] = (float) solution[i];
        }
        return x;
    }
}
