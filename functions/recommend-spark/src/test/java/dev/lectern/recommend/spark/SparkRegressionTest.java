package dev.lectern.recommend.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The Spark regression against the function job's, which the model tests check by hand and against a dense solve. */
class SparkRegressionTest {

    /** Small enough to check quickly, with learners over the per-learner cap and neighbourhoods cut at K. */
    private static final RegressionParams PARAMS = new RegressionParams(10, 5, 20, 40, 30, true);

    @Test
    void wholeStrengthsGiveTheFunctionJobsNeighboursAndScoresExactlyTiesIncluded() {
        Triples triples = Triples.random(400, 90, 25_000, new Random(7), r -> new float[] {1, 2, 5}[r.nextInt(3)]);

        Neighbours expected = NeighbourhoodRegression.compute(triples.matrix(), PARAMS, 2);
        Neighbours actual = SparkRegression.compute(LocalSpark.session(), triples.dataset(), triples.items, PARAMS);

        assertThat(expected.k()).isEqualTo(actual.k());
        assertThat(actual.ids()).isEqualTo(expected.ids());
        assertThat(actual.scores()).isEqualTo(expected.scores());
        assertThat(Parity.of(expected, actual).sameSets()).isEqualTo(90);
    }

    @Test
    void fractionalStrengthsAgreeToFloatRounding() {
        Triples triples = Triples.random(300, 60, 12_000, new Random(11), r -> (float) Math.log1p(r.nextDouble() * 8));

        Neighbours expected = NeighbourhoodRegression.compute(triples.matrix(), PARAMS, 2);
        Parity parity = Parity.of(expected, SparkRegression.compute(LocalSpark.session(), triples.dataset(), triples.items, PARAMS));

        assertThat(parity.sameShare()).isGreaterThanOrEqualTo(0.99);
        assertThat(parity.maxScoreDifference()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void repeatedPairsAreSummedAndACancelledPairOrAnUntouchedCourseHasNoNeighbours() {
        // learners a, b: courses 0 and 1 together; a's course 2 is bought then refunded (+5, −5): no pair
        Triples triples = new Triples(3);
        triples.add(0, 0, 1);
        triples.add(0, 0, 1);
        triples.add(0, 1, 2);
        triples.add(0, 2, 5);
        triples.add(0, 2, -5);
        triples.add(1, 0, 1);
        triples.add(1, 1, 1);

        Neighbours expected = NeighbourhoodRegression.compute(triples.matrix(), PARAMS, 2);
        Neighbours actual = SparkRegression.compute(LocalSpark.session(), triples.dataset(), 3, PARAMS);

        assertThat(actual.ids()).isEqualTo(expected.ids());
        assertThat(actual.scores()).isEqualTo(expected.scores());
        assertThat(actual.count(0)).isEqualTo(1);
        assertThat(actual.id(0, 0)).isEqualTo(1);
        assertThat(actual.count(2)).isZero();
    }

    @Test
    void noBehaviourGivesNoNeighbours() {
        Neighbours actual = SparkRegression.compute(LocalSpark.session(), LocalSpark.session().createDataFrame(List.of(), SparkRegression.STRENGTHS), 4, PARAMS);

        assertThat(actual.items()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(actual.count(i)).isZero();
        }
    }

    /** (learner, course, strength) triples given to both engines. */
    static final class Triples {
        final int items;
        final List<int[]> pairs = new ArrayList<>();
        final List<Float> weights = new ArrayList<>();
        int users;

        Triples(int items) {
            this.items = items;
        }

        interface Weight {
            float next(Random random);
        }

        /** {@code count} triples of power-law-ish popularity: course i drawn with weight 1/(i+1). */
        static Triples random(int users, int items, int count, Random random, Weight weight) {
            Triples triples = new Triples(items);
            double[] cumulative = new double[items];
            double total = 0;
            for (int i = 0; i < items; i++) {
                total += 1.0 / (i + 1);
                cumulative[i] = total;
            }
            for (int t = 0; t < count; t++) {
                double x = random.nextDouble() * total;
                int item = 0;
                while (cumulative[item] < x) {
                    item++;
                }
                triples.add(random.nextInt(users), item, weight.next(random));
            }
            return triples;
        }

        void add(int user, int item, float weight) {
            pairs.add(new int[] {user, item});
            weights.add(weight);
            users = Math.max(users, user + 1);
        }

        InteractionMatrix matrix() {
            int n = pairs.size();
            int[] u = new int[n];
            int[] i = new int[n];
            float[] w = new float[n];
            for (int t = 0; t < n; t++) {
                u[t] = pairs.get(t)[0];
                i[t] = pairs.get(t)[1];
                w[t] = weights.get(t);
            }
            return InteractionMatrix.of(users, items, u, i, w, n);
        }

        Dataset<Row> dataset() {
            List<Row> rows = new ArrayList<>();
            for (int t = 0; t < pairs.size(); t++) {
                rows.add(RowFactory.create("learner-" + pairs.get(t)[0], pairs.get(t)[1], weights.get(t)));
            }
            return LocalSpark.session().createDataFrame(rows, SparkRegression.STRENGTHS).repartition(4);
        }
    }
}
