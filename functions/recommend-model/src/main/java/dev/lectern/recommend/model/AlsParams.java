package dev.lectern.recommend.model;

/**
 * Implicit-feedback alternating least squares (Hu, Koren and Volinsky 2008): confidence
 * {@code 1 + alpha · strength}, preference 1 for every observed pair.
 */
public record AlsParams(int rank, int iterations, double regularization, double alpha, long seed) {

    /**
     * The similarity job trains on a learner sample of at most this many interactions
     * ({@link InteractionMatrix#learnerSample}): the factorisation's cost grows far faster than the
     * neighbours', it is not the model served, and a course's factors need many of its learners,
     * not all (docs/performance.md, "The similarity job").
     */
    public static final int MAX_TRAINING_INTERACTIONS = 1_000_000;

    /**
     * Chosen by the validation search in docs/recommendations.md: regularization and alpha on the
     * validation split at rank 32 and 5 iterations. Rank 64–128 scores higher at 2–8× the time,
     * which the similarity job's time budget cannot pay (docs/performance.md, "The similarity job").
     */
    public static final AlsParams DEFAULT = new AlsParams(32, 5, 1.0, 10, 42);

    public AlsParams {
        if (rank < 1 || iterations < 0 || !(regularization > 0) || alpha < 0) {
            throw new IllegalArgumentException("ALS parameters out of range: rank ≥ 1, iterations ≥ 0, regularization > 0, alpha ≥ 0");
        }
    }
}
