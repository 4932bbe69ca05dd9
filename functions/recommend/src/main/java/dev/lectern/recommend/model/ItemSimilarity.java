package dev.lectern.recommend.model;

/** Item-item similarity with top-k pruning, on all available processors. */
public final class ItemSimilarity {

    private ItemSimilarity() {
    }

    public static Neighbours compute(InteractionMatrix matrix, SimilarityParams params) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
