package dev.lectern.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighbourhoodRegressionTest {

    /** 6 learners × 5 items with varied strengths; every pair of items shares a learner. */
    static InteractionMatrix small() {
        int[] user = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5};
        int[] item = {0, 1, 2, 3, 0, 1, 4, 1, 2, 4, 0, 3, 4, 2, 3, 4, 0, 2, 1};
        float[] weight = {1, 2, 1, 3, 2, 1, 1, 3, 1, 2, 1, 1, 2, 2, 1, 1, 1, 1, 2};
        return InteractionMatrix.of(6, 5, user, item, weight, user.length);
    }

    /** The Gram matrix XᵀX, dense. */
    static double[][] gram(InteractionMatrix m) {
        int n = m.items();
        double[][] g = new double[n][n];
        for (int u = 0; u < m.users(); u++) {
            for (int p = m.userStart()[u]; p < m.userStart()[u + 1]; p++) {
                for (int q = m.userStart()[u]; q < m.userStart()[u + 1]; q++) {
                    g[m.userItems()[p]][m.userItems()[q]] += (double) m.userWeights()[p] * m.userWeights()[q];
                }
            }
        }
        return g;
    }

    /** Solves A x = b by Gaussian elimination with partial pivoting. */
    static double[] gauss(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int r = 0; r < n; r++) {
            a[r] = a0[r].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] row = a[c];
            a[c] = a[pivot];
            a[pivot] = row;
            double t = b[c];
            b[c] = b[pivot];
            b[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int s = c; s < n; s++) {
                    a[r][s] -= f * a[c][s];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int t = r + 1; t < n; t++) {
                s -= a[r][t] * x[t];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** Dense reference: weight[source][target], NaN where the source is not among the target's neighbours. */
    static double[][] reference(InteractionMatrix m, double lambda) {
        double[][] g = gram(m);
        int n = m.items();
        double[][] w = new double[n][n];
        for (double[] row : w) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (int j0 = 0; j0 < n; j0++) {
            int j = j0;
            int[] members = java.util.stream.IntStream.range(0, n).filter(i -> i != j && g[i][j] > 0).toArray();
            int k = members.length;
            double[][] a = new double[k][k];
            double[] b = new double[k];
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    a[p][q] = g[members[p]][members[q]] + (p == q ? lambda : 0);
                }
                b[p] = g[members[p]][j];
            }
            double[] x = gauss(a, b);
            for (int p = 0; p < k; p++) {
                w[members[p]][j] = x[p];
            }
        }
        return w;
    }

    @Test
    void everyWeightMatchesTheDenseSolveWhenNothingIsCut() {
        InteractionMatrix m = small();
        int items = m.items();
        for (double lambda : new double[] {0.5, 5, 50}) {
            RegressionParams params = new RegressionParams(items - 1, lambda, items, 1000, 500, false);
            Neighbours n = NeighbourhoodRegression.compute(m, params, 1);
            double[][] expected = reference(m, lambda);
            for (int source = 0; source < items; source++) {
                int found = 0;
                for (int t = 0; t < items; t++) {
                    if (!Double.isNaN(expected[source][t])) {
                        found++;
                    }
                }
                assertThat(n.count(source)).as("targets of %d", source).isEqualTo(found);
                float previous = Float.POSITIVE_INFINITY;
                for (int r = 0; r < n.count(source); r++) {
                    int target = n.id(source, r);
                    assertThat(target).isNotEqualTo(source);
                    assertThat(n.score(source, r)).as("λ %s: b_%d(%d)", lambda, source, target)
                            .isCloseTo((float) expected[source][target], within(1e-5f));
                    assertThat(n.score(source, r)).isLessThanOrEqualTo(previous);
                    previous = n.score(source, r);
                }
            }
        }
    }

    /**
     * Strength 1; learners u0 {0,1}, u1 {0,1}, u2 {1,2}, u3 {3}, u4 {2,4}. Cosine: (0,1) = 2/√6,
     * (1,2) = 1/√6, (2,4) = 1/√2. With K = 1: N(0) = {1}, N(1) = {0}, N(2) = {4}, N(4) = {2}, N(3) = ∅;
     * with λ = 1, b = G_ij / (G_ii + 1): b_1(0) = 2/4, b_0(1) = 2/3, b_4(2) = 1/2, b_2(4) = 1/3.
     */
    @Test
    void handWorkedNeighbours() {
        int[] user = {0, 0, 1, 1, 2, 2, 3, 4, 4};
        int[] item = {0, 1, 0, 1, 1, 2, 3, 2, 4};
        float[] w = new float[user.length];
        java.util.Arrays.fill(w, 1f);
        InteractionMatrix m = InteractionMatrix.of(5, 5, user, item, w, user.length);
        Neighbours n = NeighbourhoodRegression.compute(m, new RegressionParams(1, 1, 3, 10, 500, true), 1);
        assertThat(n.count(0)).isEqualTo(1);
        assertThat(n.id(0, 0)).isEqualTo(1);
        assertThat(n.score(0, 0)).isCloseTo(2f / 3, within(1e-6f));
        assertThat(n.count(1)).isEqualTo(1);
        assertThat(n.id(1, 0)).isEqualTo(0);
        assertThat(n.score(1, 0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(n.count(4)).isEqualTo(1);
        assertThat(n.id(4, 0)).isEqualTo(2);
        assertThat(n.score(4, 0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(n.count(2)).isEqualTo(1);
        assertThat(n.id(2, 0)).isEqualTo(4);
        assertThat(n.score(2, 0)).isCloseTo(1f / 3, within(1e-6f));
        assertThat(n.count(3)).isZero();
    }

    @Test
    void selfNeverAndResultsIndependentOfThreads() {
        SplittableRandom random = new SplittableRandom(7);
        int users = 400;
        int items = 300;
        int count = 6000;
        int[] user = new int[count];
        int[] item = new int[count];
        float[] weight = new float[count];
        for (int i = 0; i < count; i++) {
            user[i] = random.nextInt(users);
            item[i] = (int) Math.min(items - 1, Math.floor(items * Math.pow(random.nextDouble(), 2)));
            weight[i] = 1 + random.nextInt(3);
        }
        InteractionMatrix m = InteractionMatrix.of(users, items, user, item, weight, count);
        RegressionParams params = new RegressionParams(20, 10, 30, 40, 500, false);
        Neighbours one = NeighbourhoodRegression.compute(m, params, 1);
        Neighbours four = NeighbourhoodRegression.compute(m, params, 4);
        assertThat(four.ids()).isEqualTo(one.ids());
        assertThat(four.scores()).isEqualTo(one.scores());
        for (int i = 0; i < items; i++) {
            for (int r = 0; r < one.count(i); r++) {
                assertThat(one.id(i, r)).isNotEqualTo(i);
            }
        }
    }
}
