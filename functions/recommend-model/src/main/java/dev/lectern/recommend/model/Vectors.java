package dev.lectern.recommend.model;

/**
 * The few dense kernels of the factor models. The whole-row {@code axpy} is a plain loop from index
 * 0 of both arrays, which C2 vectorises; C2 does not vectorise a floating-point sum (it would change
 * the rounding), so {@code dot} keeps four independent partial sums to let the core overlap them.
 */
final class Vectors {

    private Vectors() {
    }

    static float dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int f = 0;
        for (; f + 3 < n; f += 4) {
            s0 += a[aFrom + f] * b[bFrom + f];
            s1 += a[aFrom + f + 1] * b[bFrom + f + 1];
            s2 += a[aFrom + f + 2] * b[bFrom + f + 2];
            s3 += a[aFrom + f + 3] * b[bFrom + f + 3];
        }
        for (; f < n; f++) {
            s0 += a[aFrom + f] * b[bFrom + f];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The same in double precision (the regression's Cholesky solves). */
    static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int f = 0;
        for (; f + 3 < n; f += 4) {
            s0 += a[aFrom + f] * b[bFrom + f];
            s1 += a[aFrom + f + 1] * b[bFrom + f + 1];
            s2 += a[aFrom + f + 2] * b[bFrom + f + 2];
            s3 += a[aFrom + f + 3] * b[bFrom + f + 3];
        }
        for (; f < n; f++) {
            s0 += a[aFrom + f] * b[bFrom + f];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y += a · x} over whole rows of equal length. */
    static void axpy(float a, float[] x, float[] y) {
        for (int f = 0; f < y.length; f++) {
            y[f] += a * x[f];
        }
    }

    /**
     * Four axpys in one pass, added in the same order as four calls of {@link #axpy(float, float[], float[], int)}
     * (so with the same rounding): one short loop where four would each pay the loop's set-up.
     */
    static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3, float[] y, int n) {
        for (int f = 0; f < n; f++) {
            y[f] = (((y[f] + a0 * x0[f]) + a1 * x1[f]) + a2 * x2[f]) + a3 * x3[f];
        }
    }

    /** {@code y[0..n) += a · x[0..n)}. */
    static void axpy(float a, float[] x, float[] y, int n) {
        for (int f = 0; f < n; f++) {
            y[f] += a * x[f];
        }
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int f = 0; f < a.length; f++) {
            s += a[f] * b[f];
        }
        return s;
    }

    static void scale(float a, float[] x) {
        for (int f = 0; f < x.length; f++) {
            x[f] *= a;
        }
    }

    /** {@code p = r + beta · p}. */
    static void scaleAdd(float beta, float[] p, float[] r) {
        for (int f = 0; f < p.length; f++) {
            p[f] = r[f] + beta * p[f];
        }
    }
}
