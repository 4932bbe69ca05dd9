package dev.lectern.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Similarities of a 4 × 4 matrix worked out by hand. Learners and their items (strength 1):
 * <pre>
 *   u0: i0 i1 i2        i0: u0 u1 u3   |i0|² = 3
 *   u1: i0 i1           i1: u0 u1 u2   |i1|² = 3
 *   u2: i1 i2 i3        i2: u0 u2      |i2|² = 2
 *   u3: i0 i3           i3: u2 u3      |i3|² = 2
 * </pre>
 * Co-occurrences: (0,1) = 2 (u0, u1), (1,2) = 2 (u0, u2), and 1 for (0,2), (0,3), (1,3), (2,3).
 * Cosine: sim(0,1) = 2/√(3·3) = 2/3; sim(1,2) = 2/√(3·2) = 2/√6 ≈ 0.8165; sim(2,3) = 1/√(2·2) = 1/2;
 * sim(0,2) = sim(0,3) = sim(1,3) = 1/√6 ≈ 0.4082.
 */
class ItemSimilarityTest {

    private static final double EPS = 1e-6;
    private static final float S6 = (float) (1 / Math.sqrt(6));

    static InteractionMatrix matrix() {
        int[] user = {0, 0, 0, 1, 1, 2, 2, 2, 3, 3};
        int[] item = {0, 1, 2, 0, 1, 1, 2, 3, 0, 3};
        return InteractionMatrix.of(4, 4, user, item, ones(user.length), user.length);
    }

    static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return w;
    }

    private static void assertNeighbours(Neighbours n, int item, int[] ids, double[] scores) {
        for (int j = 0; j < ids.length; j++) {
            assertThat(n.id(item, j)).as("item %d neighbour %d", item, j).isEqualTo(ids[j]);
            if (ids[j] >= 0) {
                assertThat((double) n.score(item, j)).as("item %d score %d", item, j).isCloseTo(scores[j], within(EPS));
            }
        }
    }

    @Test
    void cosineNeighboursAreTheHandComputedOnesBestFirstTiesToTheLowerItem() {
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(3, 0, 0.5, 1, 100), 1);
        assertThat(n.items()).isEqualTo(4);
        assertThat(n.k()).isEqualTo(3);
        // i0: i1 (2/3), then i2 and i3 tie at 1/√6: the lower index first
        assertNeighbours(n, 0, new int[] {1, 2, 3}, new double[] {2.0 / 3, S6, S6});
        assertNeighbours(n, 1, new int[] {2, 0, 3}, new double[] {2 / Math.sqrt(6), 2.0 / 3, S6});
        assertNeighbours(n, 2, new int[] {1, 3, 0}, new double[] {2 / Math.sqrt(6), 0.5, S6});
        assertNeighbours(n, 3, new int[] {2, 0, 1}, new double[] {0.5, S6, S6});
    }

    @Test
    void anItemIsNeverItsOwnNeighbourAndKBeyondTheCandidatesPadsWithMinusOne() {
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(5, 0, 0.5, 1, 100), 1);
        for (int i = 0; i < 4; i++) {
            assertThat(n.count(i)).isEqualTo(3);
            for (int j = 0; j < 5; j++) {
                assertThat(n.id(i, j)).isNotEqualTo(i);
            }
            assertThat(n.id(i, 3)).isEqualTo(-1);
            assertThat(n.id(i, 4)).isEqualTo(-1);
        }
    }

    @Test
    void topKKeepsTheBest() {
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(1, 0, 0.5, 1, 100), 1);
        assertNeighbours(n, 0, new int[] {1}, new double[] {2.0 / 3});
        assertNeighbours(n, 1, new int[] {2}, new double[] {2 / Math.sqrt(6)});
        assertNeighbours(n, 3, new int[] {2}, new double[] {0.5});
    }

    @Test
    void minSupportDropsPairsSeenTogetherByFewerLearners() {
        // only (0,1) and (1,2) have two learners in common
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(3, 0, 0.5, 2, 100), 1);
        assertNeighbours(n, 0, new int[] {1, -1, -1}, new double[] {2.0 / 3});
        assertNeighbours(n, 1, new int[] {2, 0, -1}, new double[] {2 / Math.sqrt(6), 2.0 / 3});
        assertNeighbours(n, 2, new int[] {1, -1, -1}, new double[] {2 / Math.sqrt(6)});
        assertThat(n.count(3)).isZero();
    }

    @Test
    void shrinkIsAddedToTheDenominator() {
        // shrink 1: sim(0,1) = 2/(3+1) = 0.5; sim(1,2) = 2/(√6+1); sim(2,3) = 1/(2+1); sim(0,2) = 1/(√6+1)
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(3, 1, 0.5, 1, 100), 1);
        assertNeighbours(n, 0, new int[] {1, 2, 3}, new double[] {0.5, 1 / (Math.sqrt(6) + 1), 1 / (Math.sqrt(6) + 1)});
        assertNeighbours(n, 2, new int[] {1, 3, 0}, new double[] {2 / (Math.sqrt(6) + 1), 1.0 / 3, 1 / (Math.sqrt(6) + 1)});
    }

    @Test
    void asymmetricCosineWeighsTheTwoNormsByAlpha() {
        // alpha 0.75: sim(i, j) = dot / (|i|²^0.75 · |j|²^0.25)
        // sim(0,2) = 1/(3^0.75 · 2^0.25) ≈ 1/2.7108 ≈ 0.36889; sim(2,0) = 1/(2^0.75 · 3^0.25) ≈ 1/2.2134 ≈ 0.45180
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(3, 0, 0.75, 1, 100), 1);
        assertThat(n.id(0, 1)).isEqualTo(2);
        assertThat((double) n.score(0, 1)).isCloseTo(1 / (Math.pow(3, 0.75) * Math.pow(2, 0.25)), within(EPS));
        assertThat((double) n.score(0, 1)).isCloseTo(0.36889, within(1e-5));
        assertThat(n.id(2, 2)).isEqualTo(0);
        assertThat((double) n.score(2, 2)).isCloseTo(0.45180, within(1e-5));
    }

    @Test
    void theExponentRaisesTheKeptScores() {
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(3, 0, 0.5, 1, 100, 2), 1);
        // (2/3)² = 4/9; (1/√6)² = 1/6
        assertNeighbours(n, 0, new int[] {1, 2, 3}, new double[] {4.0 / 9, 1.0 / 6, 1.0 / 6});
    }

    @Test
    void duplicateTriplesAreSummedAndARefundRemovesThePair() {
        // u0's i0 in two halves: the same matrix as before
        int[] user = {0, 0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 1, 1};
        int[] item = {0, 0, 1, 2, 0, 1, 1, 2, 3, 0, 3, 2, 2};
        float[] weight = {0.5f, 0.5f, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1};
        InteractionMatrix m = InteractionMatrix.of(4, 4, user, item, weight, user.length);
        // u1 bought i2 and was refunded: the pair is gone
        assertThat(m.nonZeros()).isEqualTo(10);
        assertThat(java.util.Arrays.copyOfRange(m.userItems(), m.userStart()[1], m.userStart()[2])).containsExactly(0, 1);
        assertThat(m.userWeights()[0]).isEqualTo(1f);
        Neighbours n = ItemSimilarity.compute(m, new SimilarityParams(3, 0, 0.5, 1, 100), 1);
        assertNeighbours(n, 0, new int[] {1, 2, 3}, new double[] {2.0 / 3, S6, S6});

        // and refunding u1's i1 leaves i1 with u0 and u2: sim(0,1) = 1/√(3·2)
        int[] refundUser = java.util.Arrays.copyOf(user, user.length + 1);
        int[] refundItem = java.util.Arrays.copyOf(item, item.length + 1);
        float[] refundWeight = java.util.Arrays.copyOf(weight, weight.length + 1);
        refundUser[user.length] = 1;
        refundItem[user.length] = 1;
        refundWeight[user.length] = -1;
        Neighbours refunded = ItemSimilarity.compute(InteractionMatrix.of(4, 4, refundUser, refundItem, refundWeight, refundUser.length),
                new SimilarityParams(3, 0, 0.5, 1, 100), 1);
        // i1: u0 u2, |i1|² = 2 → sim(1,2) = 2/√(2·2) = 1, sim(1,0) = 1/√6, sim(1,3) = 1/2
        assertNeighbours(refunded, 1, new int[] {2, 3, 0}, new double[] {1, 0.5, S6});
    }

    @Test
    void eachLearnerCountsWithTheirStrongestItemsOnly() {
        // u0 holds i0 (1), i1 (3), i2 (2): capped to 2 it keeps i1 and i2
        InteractionMatrix m = InteractionMatrix.of(2, 3, new int[] {0, 0, 0, 1}, new int[] {0, 1, 2, 0}, new float[] {1, 3, 2, 1}, 4);
        InteractionMatrix capped = m.strongestPerUser(2);
        assertThat(java.util.Arrays.copyOfRange(capped.userItems(), 0, capped.userStart()[1])).containsExactly(1, 2);
        assertThat(java.util.Arrays.copyOfRange(capped.userWeights(), 0, capped.userStart()[1])).containsExactly(3f, 2f);
        assertThat(m.strongestPerUser(3)).isSameAs(m);
        // i0 is then held by u1 only, and shares no learner with i1 or i2; i1·i2 = 3·2 over |i1|·|i2| = 3·2
        Neighbours n = ItemSimilarity.compute(m, new SimilarityParams(2, 0, 0.5, 1, 2), 1);
        assertThat(n.count(0)).isZero();
        assertNeighbours(n, 1, new int[] {2, -1}, new double[] {1});
    }

    @Test
    void theResultDoesNotDependOnTheThreads() {
        InteractionMatrix m = AlsFixtures.random(700, 300, 9000, 7);
        Neighbours one = ItemSimilarity.compute(m, new SimilarityParams(20, 5, 0.6, 1, 50, 2), 1);
        Neighbours three = ItemSimilarity.compute(m, new SimilarityParams(20, 5, 0.6, 1, 50, 2), 3);
        assertThat(three.ids()).isEqualTo(one.ids());
        assertThat(three.scores()).isEqualTo(one.scores());
    }

    @Test
    void knnScoringSumsStrengthTimesSimilarity() {
        Neighbours n = ItemSimilarity.compute(matrix(), new SimilarityParams(3, 0, 0.5, 1, 100), 1);
        float[] out = new float[4];
        Scoring.knn(n, new int[] {1, 2}, new float[] {1, 2}, out);
        // out[i] = 1·sim(1,i) + 2·sim(2,i)
        assertThat((double) out[0]).isCloseTo(2.0 / 3 + 2 / Math.sqrt(6), within(EPS));
        assertThat((double) out[1]).isCloseTo(2 * 2 / Math.sqrt(6), within(EPS));
        assertThat((double) out[2]).isCloseTo(2 / Math.sqrt(6), within(EPS));
        assertThat((double) out[3]).isCloseTo(1 / Math.sqrt(6) + 2 * 0.5, within(EPS));
    }
}
