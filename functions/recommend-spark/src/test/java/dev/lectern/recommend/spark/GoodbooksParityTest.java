package dev.lectern.recommend.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The parity check on real data: goodbooks-10k's to_read list (912,705 learner × book pairs,
 * github.com/zygmuntz/goodbooks-10k, CC BY-SA 4.0), the served model's parameters, both engines.
 * The file is found through {@code $GOODBOOKS} (the dataset's folder) or as {@code shared/data/goodbooks-10k}
 * beside the repository.
 */
class GoodbooksParityTest {

    @Test
    void sparkAndTheFunctionJobGiveTheSameNeighboursForAtLeast99PercentOfBooksWithScoresWithin1e6() throws IOException {
        List<String> lines = Files.readAllLines(toRead());
        int n = lines.size() - 1;
        int[] users = new int[n];
        int[] items = new int[n];
        float[] weights = new float[n];
        List<Row> strengths = new ArrayList<>(n);
        int userCount = 0;
        int itemCount = 0;
        for (int t = 0; t < n; t++) {
            String[] fields = lines.get(t + 1).split(",");
            users[t] = Integer.parseInt(fields[0].trim());
            items[t] = Integer.parseInt(fields[1].trim()) - 1;
            weights[t] = 1;
            userCount = Math.max(userCount, users[t] + 1);
            itemCount = Math.max(itemCount, items[t] + 1);
            strengths.add(RowFactory.create(fields[0].trim(), items[t], 1f));
        }

        Neighbours function = NeighbourhoodRegression.compute(InteractionMatrix.of(userCount, itemCount, users, items, weights, n),
                RegressionParams.DEFAULT);
        Neighbours spark = SparkRegression.compute(LocalSpark.session(),
                LocalSpark.session().createDataFrame(strengths, SparkRegression.STRENGTHS).repartition(8), itemCount, RegressionParams.DEFAULT);
        Parity parity = Parity.of(function, spark);

        assertThat(n).isEqualTo(912_705);
        // the issue asks for ≥ 99 % of the same sets and scores within 1e-6; with whole strengths both engines make the
        // same float operations in the same order, so the lists are the same to the bit, in the same order
        assertThat(parity.sameShare()).isGreaterThanOrEqualTo(0.99);
        assertThat(parity.maxScoreDifference()).isLessThanOrEqualTo(1e-6);
        assertThat(spark.ids()).isEqualTo(function.ids());
        assertThat(spark.scores()).isEqualTo(function.scores());
        System.out.println("goodbooks parity: " + parity);
    }

    static Path toRead() {
        String configured = System.getenv("GOODBOOKS");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured, "to_read.csv"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared/data/goodbooks-10k/to_read.csv"));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException(
                "goodbooks-10k's to_read.csv not found: set GOODBOOKS to the dataset's folder (github.com/zygmuntz/goodbooks-10k)"));
    }
}
