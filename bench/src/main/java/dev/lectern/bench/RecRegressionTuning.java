package dev.lectern.bench;

import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;

/**
 * The neighbourhood regression's search ({@code rec-eval --tune-regression}), on the validation
 * split only: K × λ at M = 4K, then with the best pair the stored dots M, the kept targets per
 * source and whether non-positive weights are kept. One Gram pass at the largest K and M serves
 * every configuration (the smaller ones are its prefixes).
 */
final class RecRegressionTuning {

    static final int[] NEIGHBOURS = {50, 100, 200};
    static final double[] LAMBDA = {10, 20, 50, 100, 200};
    static final int[] DOTS_PER_NEIGHBOUR = {1, 2, 4};
    /** The largest K whose compute fits the job's ~1.5 s budget on goodbooks: K 100 solves 3–4× slower than K 50 (docs/recommendations.md). */
    static final int BUDGET_NEIGHBOURS = 50;
    static final int[] KEPT = {50, 100, 200, 400};

    private RecRegressionTuning() {
    }

    /** {@code --regression K,lambda,kept[,M[,all|positive]]}; the default when absent. */
    static RegressionParams parse(String spec) {
        if (spec == null) {
            return RegressionParams.DEFAULT;
        }
        String[] parts = spec.split(",");
        try {
            RegressionParams p = new RegressionParams(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1].strip()),
                    Integer.parseInt(parts[2].strip()));
            if (parts.length > 3) {
                p = p.withDots(Integer.parseInt(parts[3].strip()));
            }
            if (parts.length > 4) {
                p = p.withPositiveOnly(!parts[4].strip().equals("all"));
            }
            return p;
        } catch (RuntimeException e) {
            throw new Args.Usage("--regression must be K,lambda,kept[,M[,all|positive]], not \"" + spec + "\"");
        }
    }

    static RegressionParams choose(RecSplit validation, int[] users, int k) {
        int maxK = NEIGHBOURS[NEIGHBOURS.length - 1];
        int maxDots = maxK * DOTS_PER_NEIGHBOUR[DOTS_PER_NEIGHBOUR.length - 1];
        long t0 = System.nanoTime();
        NeighbourhoodRegression.Gram gram = NeighbourhoodRegression.prepare(validation.train(), maxK, maxDots,
                RegressionParams.DEFAULT.maxUserItems(), Runtime.getRuntime().availableProcessors());
        RecEval.progress("  regression Gram pass (K %d, M %d) in %.2f s", maxK, maxDots, RecEval.seconds(t0));
        RecEval.progress("  item-kNN %s on the same users: %s", dev.lectern.recommend.model.SimilarityParams.DEFAULT,
                RecEval.format(RecEvaluator.evaluate(validation, users, k, RecEval.itemKnn(dev.lectern.recommend.model.ItemSimilarity.compute(
                        validation.train(), dev.lectern.recommend.model.SimilarityParams.DEFAULT))), k));
        Best best = new Best();
        Best affordable = new Best();
        for (int neighbours : NEIGHBOURS) {
            for (double lambda : LAMBDA) {
                RecEvaluator.Metrics m = best.consider(new RegressionParams(neighbours, lambda, RegressionParams.DEFAULT.kept()), gram,
                        validation, users, k);
                if (neighbours <= BUDGET_NEIGHBOURS) {
                    affordable.offer(best.last, m);
                }
            }
        }
        RecEval.progress("best of the grid on validation: %s — %s", best.params, RecEval.format(best.metrics, k));
        // the stages below refine the best pair the time budget allows (K ≤ BUDGET_NEIGHBOURS)
        RegressionParams pair = affordable.params;
        for (int factor : DOTS_PER_NEIGHBOUR) {
            affordable.consider(pair.withDots(factor * pair.neighbours()), gram, validation, users, k);
        }
        RegressionParams dots = affordable.params;
        for (int kept : KEPT) {
            affordable.consider(dots.withKept(kept), gram, validation, users, k);
        }
        affordable.consider(affordable.params.withPositiveOnly(!affordable.params.positiveOnly()), gram, validation, users, k);
        RecEval.progress("chosen regression on validation (K ≤ %d): %s — %s", BUDGET_NEIGHBOURS, affordable.params,
                RecEval.format(affordable.metrics, k));
        return affordable.params;
    }

    private static final class Best {
        RegressionParams params;
        RecEvaluator.Metrics metrics;
        RegressionParams last;

        RecEvaluator.Metrics consider(RegressionParams p, NeighbourhoodRegression.Gram gram, RecSplit validation, int[] users, int k) {
            long t0 = System.nanoTime();
            Neighbours n = NeighbourhoodRegression.solve(gram, p, Runtime.getRuntime().availableProcessors());
            double solved = RecEval.seconds(t0);
            RecEvaluator.Metrics m = RecEvaluator.evaluate(validation, users, k, RecEval.itemKnn(n));
            RecEval.progress("  regression %s (solved in %.2f s): %s", p, solved, RecEval.format(m, k));
            last = p;
            offer(p, m);
            return m;
        }

        void offer(RegressionParams p, RecEvaluator.Metrics m) {
            if (metrics == null || m.hr() > metrics.hr() || (m.hr() == metrics.hr() && m.ndcg() > metrics.ndcg())) {
                params = p;
                metrics = m;
            }
        }
    }
}
