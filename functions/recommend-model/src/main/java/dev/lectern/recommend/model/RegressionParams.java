package dev.lectern.recommend.model;

/**
 * How the neighbourhood regression (local EASE, {@link NeighbourhoodRegression}) is computed.
 *
 * @param neighbours   K: each target item is regressed on its K most cosine-similar items
 * @param lambda       ridge penalty added to the diagonal of each K × K Gram block
 * @param kept         per source item, the targets with the largest weights kept for serving
 * @param dots         M: per item, the raw dot products kept (its M largest) to fill the K × K blocks;
 *                     a pair outside both items' top M is taken as 0
 * @param maxUserItems a learner's strongest items kept (bounds the quadratic cost of heavy users)
 * @param positiveOnly drop non-positive weights before keeping the largest per source
 */
public record RegressionParams(int neighbours, double lambda, int kept, int dots, int maxUserItems, boolean positiveOnly) {

    /**
     * Chosen on the validation split (docs/recommendations.md, "Neighbourhood regression (local
     * EASE)"); 100 kept per source ties with 200 there and halves the model serving loads.
     */
    public static final RegressionParams DEFAULT = new RegressionParams(50, 20, 100);

    public RegressionParams {
        if (neighbours < 1 || !(lambda > 0) || kept < 1 || dots < 1 || maxUserItems < 1) {
            throw new IllegalArgumentException("regression parameters out of range: neighbours ≥ 1, lambda > 0, kept ≥ 1,"
                    + " dots ≥ 1, maxUserItems ≥ 1");
        }
    }

    /** K neighbours, penalty λ, {@code kept} targets per source; 4K dots per item, 500 items per learner, positive weights only. */
    public RegressionParams(int neighbours, double lambda, int kept) {
        this(neighbours, lambda, kept, 4 * neighbours, 500, true);
    }

    public RegressionParams withNeighbours(int k) {
        return new RegressionParams(k, lambda, kept, dots, maxUserItems, positiveOnly);
    }

    public RegressionParams withLambda(double l) {
        return new RegressionParams(neighbours, l, kept, dots, maxUserItems, positiveOnly);
    }

    public RegressionParams withKept(int n) {
        return new RegressionParams(neighbours, lambda, n, dots, maxUserItems, positiveOnly);
    }

    public RegressionParams withDots(int m) {
        return new RegressionParams(neighbours, lambda, kept, m, maxUserItems, positiveOnly);
    }

    public RegressionParams withPositiveOnly(boolean b) {
        return new RegressionParams(neighbours, lambda, kept, dots, maxUserItems, b);
    }
}
