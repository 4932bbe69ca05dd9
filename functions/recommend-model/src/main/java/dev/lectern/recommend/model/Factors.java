package dev.lectern.recommend.model;

/**
 * A matrix-factorisation model: {@code rank} latent factors per item and per user, row-major
 * ({@code itemFactors[item * rank + f]}). Serving keeps only the item factors and folds a
 * learner in from their courses ({@link ImplicitAls#foldIn}).
 */
public record Factors(int rank, int items, float[] itemFactors, int users, float[] userFactors) {

    public Factors {
        if (itemFactors.length != (long) items * rank || userFactors.length != (long) users * rank) {
            throw new IllegalArgumentException("factor arrays must hold rows × rank entries");
        }
    }
}
