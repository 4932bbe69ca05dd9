package dev.lectern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.recommend.model.InteractionMatrix;
import org.junit.jupiter.api.Test;

/**
 * The metrics on a split made by hand: 2 learners, 6 items, a model that scores item i as 10 − i
 * (so the ranking is 0, 1, 2, … whatever the learner, before their training items are left out).
 * <pre>
 *   learner 0: trained on item 0, test item 3 → candidates 1 2 3 4 5, item 3 at rank 3
 *   learner 1: trained on item 1, test item 0 → candidates 0 2 3 4 5, item 0 at rank 1
 * </pre>
 */
class RecEvaluatorTest {

    private static final RecEvaluator.Model DESCENDING = (user, items, strengths, out) -> {
        for (int i = 0; i < out.length; i++) {
            out[i] = 10 - i;
        }
    };

    private static RecSplit split() {
        InteractionMatrix train = InteractionMatrix.of(2, 6, new int[] {0, 1}, new int[] {0, 1}, new float[] {1, 1}, 2);
        return new RecSplit(train, null, new int[] {0, 1, 2}, new int[] {3, 0});
    }

    @Test
    void hitRateAndNdcgAreTheHandComputedOnes() {
        // k = 3: both hit; NDCG = (1/log2(3+1) + 1/log2(1+1)) / 2 = (0.5 + 1) / 2
        RecEvaluator.Metrics three = RecEvaluator.evaluate(split(), new int[] {0, 1}, 3, DESCENDING);
        assertThat(three.hr()).isEqualTo(1.0);
        assertThat(three.ndcg()).isCloseTo(0.75, within(1e-12));
        // k = 2: learner 0's item 3 is out of their top 2 (1, 2); learner 1 still hits at rank 1
        RecEvaluator.Metrics two = RecEvaluator.evaluate(split(), new int[] {0, 1}, 2, DESCENDING);
        assertThat(two.hr()).isEqualTo(0.5);
        assertThat(two.ndcg()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void coverageIsTheShareOfItemsInSomeTopK() {
        // k = 2: learner 0 gets 1 2, learner 1 gets 0 2 → items 0 1 2 of 6
        assertThat(RecEvaluator.evaluate(split(), new int[] {0, 1}, 2, DESCENDING).coverage()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void trainingItemsAreNeverCandidates() {
        // the model likes learner 0's training item 0 best of all: it must not take a slot
        int[] top = new int[2];
        assertThat(RecEvaluator.topK(new float[] {10, 9, 8, 7}, new int[] {0}, top)).isEqualTo(2);
        assertThat(top).containsExactly(1, 2);
        // a test item that is also a training item cannot be hit: learner 0 trained on 0, test 0
        InteractionMatrix train = InteractionMatrix.of(1, 3, new int[] {0}, new int[] {0}, new float[] {1}, 1);
        RecSplit split = new RecSplit(train, null, new int[] {0, 1}, new int[] {0});
        assertThat(RecEvaluator.evaluate(split, new int[] {0}, 2, DESCENDING).hr()).isZero();
    }

    @Test
    void ndcgWithSeveralTestItemsIsAgainstTheIdealRanking() {
        // top 3 = 1 2 3, test items {2, 5}: DCG = 1/log2(3); ideal = 1 + 1/log2(3)
        double[] m = RecEvaluator.userMetrics(new int[] {1, 2, 3}, 3, new int[] {2, 5}, 0, 2, 3);
        assertThat(m[0]).isEqualTo(1.0);
        double l3 = Math.log(3) / Math.log(2);
        assertThat(m[1]).isCloseTo((1 / l3) / (1 + 1 / l3), within(1e-12));
    }

    @Test
    void tiesGoToTheLowerItemAndFewerCandidatesThanKAreAllRanked() {
        int[] top = new int[4];
        assertThat(RecEvaluator.topK(new float[] {1, 2, 2, 0}, new int[] {3}, top)).isEqualTo(3);
        assertThat(java.util.Arrays.copyOf(top, 3)).containsExactly(1, 2, 0);
    }
}
