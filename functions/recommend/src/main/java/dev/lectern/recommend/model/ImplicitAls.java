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
        int users = matrix.users();
        int items = matrix.items();
        SplittableRandom random = new SplittableRandom(params.seed());
        float[] itemFactors = new float[items * rank];
        float[] userFactors = new float[users * rank];
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) random.nextDouble() * INIT_SCALE;
        }
        for (int i = 0; i < userFactors.length; i++) {
            userFactors[i] = (float) random.nextDouble() * INIT_SCALE;
        }
        for (int iteration = 0; iteration < params.iterations(); iteration++) {
            solve(userFactors, users, matrix.userStart(), matrix.userItems(), matrix.userWeights(), itemFactors, items, params, threads);
            solve(itemFactors, items, matrix.itemStart(), matrix.itemUsers(), matrix.itemWeights(), userFactors, users, params, threads);
        }
        return new Factors(rank, items, itemFactors, users, userFactors);
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

    private static void solve(float[] target, int rows, int[] start, int[] index, float[] weights,
                              float[] other, int otherRows, AlsParams params, int threads) {
        int rank = params.rank();
        float[] gram = gram(other, otherRows, rank, threads);
        for (int f = 0; f < rank; f++) {
            gram[f * rank + f] += (float) params.regularization();
        }
        float alpha = (float) params.alpha();
        Parallel.forChunks(threads, rows, ROWS_PER_CHUNK, () -> new Parallel.Worker() {
            private final float[] residual = new float[rank];
            private final float[] direction = new float[rank];
            private final float[] product = new float[rank];

            @Override
            public void run(int from, int to) {
                for (int row = from; row < to; row++) {
                    conjugateGradient(target, row * rank, start[row], start[row + 1], index, weights, other, gram, rank, alpha,
                            residual, direction, product);
                }
            }
        });
    }

    private static void conjugateGradient(float[] x, int xFrom, int from, int to, int[] index, float[] weights, float[] y,
                                          float[] gram, int rank, float alpha,
                                          float[] r, float[] p, float[] ap) {
        // r = b − A·x, with b = Σ c·y_i and A·x = (YᵀY + λI)·x + Σ (c − 1)(y_i·x)·y_i
        multiply(gram, x, xFrom, rank, r);
        for (int f = 0; f < rank; f++) {
            r[f] = -r[f];
        }
        for (int q = from; q < to; q++) {
            int base = index[q] * rank;
            float c = 1 + alpha * weights[q];
            Vectors.axpy(c - (c - 1) * Vectors.dot(y, base, x, xFrom, rank), y, base, r, 0, rank);
        }
        System.arraycopy(r, 0, p, 0, rank);
        float rr = Vectors.dot(r, 0, r, 0, rank);
        for (int step = 0; step < CG_STEPS && rr > 1e-20f; step++) {
            multiply(gram, p, 0, rank, ap);
            for (int q = from; q < to; q++) {
                int base = index[q] * rank;
                float c = alpha * weights[q];
                Vectors.axpy(c * Vectors.dot(y, base, p, 0, rank), y, base, ap, 0, rank);
            }
            float pap = Vectors.dot(p, 0, ap, 0, rank);
            if (!(pap > 0)) {
                break;
            }
            float a = rr / pap;
            Vectors.axpy(a, p, 0, x, xFrom, rank);
            Vectors.axpy(-a, ap, 0, r, 0, rank);
            float next = Vectors.dot(r, 0, r, 0, rank);
            float beta = next / rr;
            for (int f = 0; f < rank; f++) {
                p[f] = r[f] + beta * p[f];
            }
            rr = next;
        }
    }

    /** {@code out = G·v} for symmetric G, as a sum of G's rows (vectorisable axpys rather than dot products). */
    private static void multiply(float[] gram, float[] v, int vFrom, int rank, float[] out) {
        java.util.Arrays.fill(out, 0, rank, 0f);
        for (int f = 0; f < rank; f++) {
            Vectors.axpy(v[vFrom + f], gram, f * rank, out, 0, rank);
        }
    }

    /** {@code YᵀY} (rank × rank, full) of {@code rows} factor rows, summed block by block in a fixed order. */
    static float[] gram(float[] y, int rows, int rank, int threads) {
        int blockRows = Math.max(1, (rows + GRAM_BLOCKS - 1) / GRAM_BLOCKS);
        int blocks = (rows + blockRows - 1) / blockRows;
        float[][] partial = new float[blocks][];
        Parallel.forChunks(threads, blocks, 1, () -> (from, to) -> {
            for (int block = from; block < to; block++) {
                float[] g = new float[rank * rank];
                for (int row = block * blockRows, end = Math.min(rows, row + blockRows); row < end; row++) {
                    int base = row * rank;
                    // the upper triangle only: row f from column f
                    for (int f = 0; f < rank; f++) {
                        Vectors.axpy(y[base + f], y, base + f, g, f * rank + f, rank - f);
                    }
                }
                partial[block] = g;
            }
        });
        float[] gram = new float[rank * rank];
        for (int f = 0; f < rank; f++) {
            for (int g = f; g < rank; g++) {
                double sum = 0;
                for (float[] block : partial) {
                    sum += block[f * rank + g];
                }
                gram[f * rank + g] = (float) sum;
                gram[g * rank + f] = (float) sum;
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
