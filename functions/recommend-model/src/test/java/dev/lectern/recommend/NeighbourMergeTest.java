package dev.lectern.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourMergeTest {

    @Test
    void contentNeighboursFollowBehaviourOnesScaledToTheBestOfThemAndACourseWithoutBehaviourKeepsItsContentOnes() {
        // behaviour (k 2): 0 → 1 (0.8); 1 → 0 (0.8); 2 → none
        Neighbours behaviour = new Neighbours(3, 2, new int[] {1, -1, 0, -1, -1, -1}, new float[] {0.8f, 0, 0.8f, 0, 0, 0});
        // content (k 2): 0 → 2 (0.6), 1 (0.4); 1 → 0 (0.5); 2 → 0 (0.6)
        Neighbours content = new Neighbours(3, 2, new int[] {2, 1, 0, -1, 0, -1}, new float[] {0.6f, 0.4f, 0.5f, 0, 0.6f, 0});

        Neighbours merged = ModelAssembly.merge(behaviour, content);

        assertThat(merged.k()).isEqualTo(4);
        // course 0: behaviour 1 (0.8), then content 2 at 0.25 × 0.8 × 0.6 = 0.12; content 1 is already there
        assertThat(merged.count(0)).isEqualTo(2);
        assertThat(merged.id(0, 0)).isEqualTo(1);
        assertThat(merged.id(0, 1)).isEqualTo(2);
        assertThat(merged.score(0, 1)).isCloseTo(0.12f, within(1e-6f));
        // course 2 (no behaviour): its content neighbour at 0.25 × 1 × 0.6
        assertThat(merged.count(2)).isEqualTo(1);
        assertThat(merged.id(2, 0)).isEqualTo(0);
        assertThat(merged.score(2, 0)).isCloseTo(0.15f, within(1e-6f));
    }

    @Test
    void aStageWithoutCoursesOrBehaviourStillMakesAVersion() {
        InteractionMatrix none = InteractionMatrix.of(0, 0, new int[0], new int[0], new float[0], 0);

        Neighbours merged = ModelAssembly.merge(NeighbourhoodRegression.compute(none, RegressionParams.DEFAULT),
                ContentSimilarity.compute(List.of(), ModelAssembly.CONTENT_SLOTS));

        assertThat(merged.items()).isZero();
    }
}
