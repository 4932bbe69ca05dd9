package dev.lectern.recommend.model;

/** Scores of every item for one learner, as serving and the offline evaluation compute them. */
public final class Scoring {

    private Scoring() {
    }

    /**
     * Item-kNN: {@code out[i] += Σ_j strength_j · sim(j, i)} over the learner's items j (the stored
     * similarities, already raised to the locality exponent when the neighbours were computed).
     */
    public static void knn(Neighbours neighbours, int[] items, float[] strengths, float[] out) {
        int k = neighbours.k();
        int[] ids = neighbours.ids();
        float[] scores = neighbours.scores();
        for (int p = 0; p < items.length; p++) {
            float strength = strengths[p];
            int base = items[p] * k;
            for (int j = 0; j < k; j++) {
                int n = ids[base + j];
                if (n < 0) {
                    break;
                }
                out[n] += strength * scores[base + j];
            }
        }
    }

    /** Matrix factorisation: {@code out[i] += weight · ⟨user, item i⟩}. */
    public static void mf(Factors factors, float[] user, float weight, float[] out) {
        int rank = factors.rank();
        float[] y = factors.itemFactors();
        for (int i = 0, items = factors.items(); i < items; i++) {
            out[i] += weight * Vectors.dot(user, 0, y, i * rank, rank);
        }
    }
}
