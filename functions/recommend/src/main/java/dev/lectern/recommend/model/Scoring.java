package dev.lectern.recommend.model;

/** Scores of every item for one learner, as serving and the offline evaluation compute them. */
public final class Scoring {

    private Scoring() {
    }

    /** Item-kNN: {@code out[i] += Σ_j strength_j · sim(j, i)} over the learner's items j. */
    public static void knn(Neighbours neighbours, int[] items, float[] strengths, float[] out) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Matrix factorisation: {@code out[i] += weight · ⟨user, item i⟩}. */
    public static void mf(Factors factors, float[] user, float weight, float[] out) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
