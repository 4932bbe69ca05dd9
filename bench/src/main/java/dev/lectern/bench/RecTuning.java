package dev.lectern.bench;

import dev.lectern.recommend.model.AlsParams;
import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.ImplicitAls;
import dev.lectern.recommend.model.ItemSimilarity;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.SimilarityParams;

/**
 * The hyper-parameter search of {@code rec-eval --tune}, on a validation split (the test split's
 * training part, split again the same way), the configurations ranked by HR@k (then NDCG@k).
 */
final class RecTuning {

    static final int[] NEIGHBOURS = {20, 50, 100, 200};
    static final double[] SHRINK = {0, 10, 50};
    static final double[] ALPHA = {0.5, 0.6, 0.7};
    static final double[] EXPONENT = {1, 2, 3};

    /** The rank and iterations the time budget allows (docs/performance.md, "The similarity job"). */
    static final int BUDGET_RANK = 32;
    static final int BUDGET_ITERATIONS = 5;
    static final double[] REGULARIZATION = {0.1, 1, 10};
    static final double[] CONFIDENCE = {2, 5, 10, 20};
    /** Larger models, evaluated for the record (what the budget costs in quality), never chosen. */
    static final int[][] LARGER = {{32, 10}, {64, 10}, {128, 10}};

    private final RecSplit validation;
    private final int[] users;
    private final int k;
    private final long seed;

    RecTuning(RecSplit validation, int[] users, int k, long seed) {
        this.validation = validation;
        this.users = users;
        this.k = k;
        this.seed = seed;
    }

    /**
     * Every (alpha, shrink) pair once at the largest k; smaller k and the exponents are cut from it
     * (the top 20 of the top 200 are the top 20).
     */
    SimilarityParams similarity() {
        SimilarityParams best = null;
        RecEvaluator.Metrics bestMetrics = null;
        int maxK = NEIGHBOURS[NEIGHBOURS.length - 1];
        for (double alpha : ALPHA) {
            for (double shrink : SHRINK) {
                SimilarityParams base = new SimilarityParams(maxK, shrink, alpha, SimilarityParams.DEFAULT.minSupport(),
                        SimilarityParams.DEFAULT.maxUserItems());
                Neighbours full = ItemSimilarity.compute(validation.train(), base);
                for (int neighbours : NEIGHBOURS) {
                    for (double exponent : EXPONENT) {
                        SimilarityParams params = base.withNeighbours(neighbours).withExponent(exponent);
                        RecEvaluator.Metrics m = RecEvaluator.evaluate(validation, users, k, RecEval.itemKnn(cut(full, neighbours, exponent)));
                        RecEval.progress("  knn %s: %s", params, RecEval.format(m, k));
                        if (better(m, bestMetrics)) {
                            best = params;
                            bestMetrics = m;
                        }
                    }
                }
            }
        }
        RecEval.progress("chosen item-kNN on validation: %s — %s", best, RecEval.format(bestMetrics, k));
        return best;
    }

    /**
     * Regularization × confidence at the budget's rank and iterations; then, with the chosen pair,
     * the larger models, only reported.
     */
    AlsParams als() {
        AlsParams best = null;
        RecEvaluator.Metrics bestMetrics = null;
        for (double regularization : REGULARIZATION) {
            for (double alpha : CONFIDENCE) {
                AlsParams params = new AlsParams(BUDGET_RANK, BUDGET_ITERATIONS, regularization, alpha, seed);
                RecEvaluator.Metrics m = evaluate(params);
                if (better(m, bestMetrics)) {
                    best = params;
                    bestMetrics = m;
                }
            }
        }
        RecEval.progress("chosen ALS on validation: %s — %s", best, RecEval.format(bestMetrics, k));
        for (int[] larger : LARGER) {
            evaluate(new AlsParams(larger[0], larger[1], best.regularization(), best.alpha(), seed));
        }
        return best;
    }

    private RecEvaluator.Metrics evaluate(AlsParams params) {
        long t0 = System.nanoTime();
        Factors factors = ImplicitAls.train(validation.train(), params);
        double trained = RecEval.seconds(t0);
        RecEvaluator.Metrics m = RecEvaluator.evaluate(validation, users, k, RecEval.mf(factors));
        RecEval.progress("  als %s (trained in %.1f s): %s", params, trained, RecEval.format(m, k));
        return m;
    }

    static Neighbours cut(Neighbours full, int k, double exponent) {
        int items = full.items();
        int[] ids = new int[items * k];
        float[] scores = new float[items * k];
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < k; j++) {
                ids[i * k + j] = full.id(i, j);
                scores[i * k + j] = (float) Math.pow(full.score(i, j), exponent);
            }
        }
        return new Neighbours(items, k, ids, scores);
    }

    private static boolean better(RecEvaluator.Metrics m, RecEvaluator.Metrics best) {
        return best == null || m.hr() > best.hr() || (m.hr() == best.hr() && m.ndcg() > best.ndcg());
    }
}
