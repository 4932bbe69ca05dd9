package dev.lectern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.recommend.model.InteractionMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecSplitTest {

    /** Learner 0: items 0–3 at times 40, 10, 30, 20; learner 1: item 4 only; learner 2: items 0–9. */
    private static InteractionMatrix matrix() {
        int[] user = {0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] item = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] weight = new float[user.length];
        Arrays.fill(weight, 1f);
        return InteractionMatrix.of(3, 10, user, item, weight, user.length);
    }

    private static int[] test(RecSplit split, int user) {
        return Arrays.copyOfRange(split.testItems(), split.testStart()[user], split.testStart()[user + 1]);
    }

    @Test
    void leaveOneOutHoldsOutTheLatestItemOfEachLearnerWithTwoOrMore() {
        long[] time = new long[15];
        long[] learner0 = {40, 10, 30, 20};
        System.arraycopy(learner0, 0, time, 0, 4);
        RecSplit split = RecSplit.of(matrix(), time, RecSplit.Protocol.LOO, 1);
        assertThat(test(split, 0)).containsExactly(0);
        assertThat(test(split, 1)).isEmpty();
        assertThat(test(split, 2)).hasSize(1);
        assertThat(split.testUsers()).containsExactly(0, 2);
        assertThat(split.train().nonZeros()).isEqualTo(13);
        // the training part keeps its timestamps aligned: learner 0 keeps items 1 2 3 at 10 30 20
        assertThat(Arrays.copyOfRange(split.trainTime(), 0, 3)).containsExactly(10, 30, 20);
    }

    @Test
    void withoutTimestampsTheHeldOutItemIsSeededAndNeverInTraining() {
        RecSplit a = RecSplit.of(matrix(), null, RecSplit.Protocol.LOO, 5);
        RecSplit b = RecSplit.of(matrix(), null, RecSplit.Protocol.LOO, 5);
        assertThat(a.testItems()).isEqualTo(b.testItems());
        for (int u : a.testUsers()) {
            int[] train = Arrays.copyOfRange(a.train().userItems(), a.train().userStart()[u], a.train().userStart()[u + 1]);
            assertThat(train).doesNotContain(test(a, u));
        }
    }

    @Test
    void holdoutTakesTwentyPercentOfEachLearnerRoundedLeavingOneForTraining() {
        RecSplit split = RecSplit.of(matrix(), null, RecSplit.Protocol.HOLDOUT, 3);
        assertThat(test(split, 0)).hasSize(1);
        assertThat(test(split, 1)).isEmpty();
        assertThat(test(split, 2)).hasSize(2);
        assertThat(split.train().nonZeros()).isEqualTo(12);
    }
}
