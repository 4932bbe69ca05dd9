package dev.lectern.recommend.model;

/**
 * How item-item similarity is computed.
 *
 * @param neighbours   top-k kept per item
 * @param shrink       shrinkage added to the similarity's denominator (damps pairs with little support)
 * @param alpha        asymmetric cosine exponent: sim(i, j) = dot / (|i|^(2·alpha) · |j|^(2·(1−alpha)) + shrink); 0.5 is cosine
 * @param minSupport   pairs seen together by fewer learners are dropped
 * @param maxUserItems a learner's strongest items kept for similarity (bounds the quadratic cost of heavy users)
 * @param exponent     locality exponent q: the kept similarities are stored as sim^q, so that scoring
 *                     leans on a learner's few close neighbours rather than on many weak ones
 */
public record SimilarityParams(int neighbours, double shrink, double alpha, int minSupport, int maxUserItems, double exponent) {

    /**
     * Chosen by the validation search in docs/recommendations.md (goodbooks-10k to_read, leave one
     * out): 50 neighbours, shrink 10, alpha 0.7, similarities squared.
     */
    public static final SimilarityParams DEFAULT = new SimilarityParams(50, 10, 0.7, 1, 500, 2);

    public SimilarityParams {
        if (neighbours < 1 || shrink < 0 || alpha < 0 || alpha > 1 || minSupport < 1 || maxUserItems < 1 || !(exponent > 0)) {
            throw new IllegalArgumentException("similarity parameters out of range: neighbours ≥ 1, shrink ≥ 0, 0 ≤ alpha ≤ 1,"
                    + " minSupport ≥ 1, maxUserItems ≥ 1, exponent > 0");
        }
    }

    /** Plain similarities (exponent 1). */
    public SimilarityParams(int neighbours, double shrink, double alpha, int minSupport, int maxUserItems) {
        this(neighbours, shrink, alpha, minSupport, maxUserItems, 1);
    }

    public SimilarityParams withNeighbours(int k) {
        return new SimilarityParams(k, shrink, alpha, minSupport, maxUserItems, exponent);
    }

    public SimilarityParams withExponent(double q) {
        return new SimilarityParams(neighbours, shrink, alpha, minSupport, maxUserItems, q);
    }
}
