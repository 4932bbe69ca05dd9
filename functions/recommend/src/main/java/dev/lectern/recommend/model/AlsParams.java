package dev.lectern.recommend.model;

/**
 * Implicit-feedback alternating least squares (Hu, Koren and Volinsky 2008): confidence
 * {@code 1 + alpha · strength}, preference 1 for every observed pair.
 */
public record AlsParams(int rank, int iterations, double regularization, double alpha, long seed) {

    /** Chosen by the validation search in docs/recommendations.md. */
    public static final AlsParams DEFAULT = new AlsParams(32, 10, 0.1, 10, 42);

    public AlsParams {
        if (rank < 1 || iterations < 0 || !(regularization > 0) || alpha < 0) {
            throw new IllegalArgumentException("ALS parameters out of range: rank ≥ 1, iterations ≥ 0, regularization > 0, alpha ≥ 0");
        }
    }
}
