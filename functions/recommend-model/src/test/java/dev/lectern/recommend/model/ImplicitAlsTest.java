package dev.lectern.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

    private static final AlsParams PARAMS = new AlsParams(4, 15, 0.1, 10, 42);

    private static float[] scores(Factors factors, float[] user) {
        float[] out = new float[factors.items()];
        Scoring.mf(factors, user, 1f, out);
        return out;
    }

    private static float[] trained(Factors factors, int user) {
        return Arrays.copyOfRange(factors.userFactors(), user * factors.rank(), (user + 1) * factors.rank());
    }

    @Test
    void aBlockStructuredMatrixIsRecovered() {
        Factors factors = ImplicitAls.train(AlsFixtures.blocks(), PARAMS, 1);
        for (int u = 0; u < 8; u++) {
            float[] s = scores(factors, trained(factors, u));
            int base = u < 4 ? 0 : 4;
            int other = 4 - base;
            // the item of their block they miss ranks above every item of the other block
            for (int i = other; i < other + 4; i++) {
                assertThat(s[u]).as("learner %d: item %d over item %d", u, u, i).isGreaterThan(s[i]);
            }
            for (int i = base; i < base + 4; i++) {
                assertThat(s[i]).as("learner %d, item %d of their block", u, i).isGreaterThan(0.3f);
            }
        }
    }

    @Test
    void trainingIsDeterministicForASeedWhateverTheThreads() {
        InteractionMatrix m = AlsFixtures.random(1200, 300, 15000, 3);
        AlsParams params = new AlsParams(8, 3, 0.1, 5, 7);
        Factors a = ImplicitAls.train(m, params, 1);
        Factors b = ImplicitAls.train(m, params, 3);
        assertThat(b.itemFactors()).isEqualTo(a.itemFactors());
        assertThat(b.userFactors()).isEqualTo(a.userFactors());
        Factors c = ImplicitAls.train(m, new AlsParams(8, 3, 0.1, 5, 8), 1);
        assertThat(c.itemFactors()).isNotEqualTo(a.itemFactors());
    }

    @Test
    void foldingATrainingLearnerInGivesTheirTrainedRanking() {
        InteractionMatrix m = AlsFixtures.random(400, 60, 4000, 11);
        AlsParams params = new AlsParams(8, 15, 0.5, 5, 42);
        Factors factors = ImplicitAls.train(m, params, 2);
        for (int u = 0; u < 20; u++) {
            int from = m.userStart()[u];
            int to = m.userStart()[u + 1];
            float[] folded = ImplicitAls.foldIn(factors, params,
                    Arrays.copyOfRange(m.userItems(), from, to), Arrays.copyOfRange(m.userWeights(), from, to));
            float[] trained = trained(factors, u);
            // the same least-squares problem, solved exactly rather than by warm-started CG steps
            assertThat(cosine(folded, trained)).as("learner %d", u).isGreaterThan(0.99);
            // trained user factors predate the last item half-iteration: close, not equal
            float[] byFolded = scores(factors, folded);
            float[] byTrained = scores(factors, trained);
            for (int i = 0; i < byFolded.length; i++) {
                assertThat(byFolded[i]).as("learner %d, item %d", u, i).isCloseTo(byTrained[i], within(0.1f));
            }
            assertThat(byTrained[best(byFolded)]).isCloseTo(byTrained[best(byTrained)], within(0.05f));
        }
    }

    @Test
    void aLearnerWithNoItemsFoldsInToZero() {
        Factors factors = ImplicitAls.train(AlsFixtures.blocks(), PARAMS, 1);
        assertThat(ImplicitAls.foldIn(factors, PARAMS, new int[0], new float[0])).containsOnly(0f);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int f = 0; f < a.length; f++) {
            dot += a[f] * b[f];
            na += a[f] * a[f];
            nb += b[f] * b[f];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static int best(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
