package dev.lectern.recommend.model;

/**
 * How item-item similarity is computed.
 *
 * @param neighbours   top-k kept per item
 * @param shrink       shrinkage added to the similarity's denominator (damps pairs with little support)
 * @param alpha        asymmetric cosine exponent: sim(i, j) = dot / (|i|^(2·alpha) · |j|^(2·(1−alpha)) + shrink); 0.5 is cosine
 * @param minSupport   pairs seen together by fewer learners are dropped
 * @param maxUserItems a learner's strongest items kept for similarity (bounds the quadratic cost of heavy users)
 */
public record SimilarityParams(int neighbours, double shrink, double alpha, int minSupport, int maxUserItems) {

    /** Chosen by the validation search in docs/recommendations.md. */
    public static final SimilarityParams DEFAULT = new SimilarityParams(20, 0, 0.5, 1, 500);
}
