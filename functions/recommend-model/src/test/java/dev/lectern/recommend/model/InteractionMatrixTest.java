package dev.lectern.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InteractionMatrixTest {

    /** Learners with 3, 2, 2 and 1 courses of 4. */
    private static InteractionMatrix fourLearners() {
        int[] user = {0, 0, 0, 1, 1, 2, 2, 3};
        int[] item = {0, 1, 2, 1, 3, 0, 3, 2};
        float[] weight = {1, 2, 3, 4, 5, 6, 7, 8};
        return InteractionMatrix.of(4, 4, user, item, weight, user.length);
    }

    @Test
    void aLearnerSampleTakesWholeLearnersUpToTheLimitAndKeepsTheCourses() {
        InteractionMatrix sample = fourLearners().learnerSample(4, 7);

        assertThat(sample.nonZeros()).isBetween(3, 4);
        assertThat(sample.items()).isEqualTo(4);
        // every sampled row is one learner's whole row: its weights are one of the learners' sets
        for (int u = 0; u < sample.users(); u++) {
            float sum = 0;
            for (int p = sample.userStart()[u]; p < sample.userStart()[u + 1]; p++) {
                sum += sample.userWeights()[p];
            }
            assertThat(sum).isIn(6f, 9f, 13f, 8f);
        }
        assertThat(fourLearners().learnerSample(4, 7).userItems()).as("the same seed, the same sample").containsExactly(sample.userItems());
    }

    @Test
    void aMatrixThatFitsIsItsOwnSample() {
        InteractionMatrix matrix = fourLearners();

        assertThat(matrix.learnerSample(8, 1)).isSameAs(matrix);
    }
}
