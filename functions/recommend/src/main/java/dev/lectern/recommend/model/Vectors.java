package dev.lectern.recommend.model;

/**
 * The few dense kernels of the factor models. {@code axpy} is a plain indexed loop that C2
 * vectorises; C2 does not vectorise a floating-point sum (it would change the rounding), so
 * {@code dot} keeps four independent partial sums to let the core overlap them.
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

    /** {@code y[yFrom..] += a · x[xFrom..]} over n entries. */
    static void axpy(float a, float[] x, int xFrom, float[] y, int yFrom, int n) {
        for (int f = 0; f < n; f++) {
            y[yFrom + f] += a * x[xFrom + f];
        }
    }
}
