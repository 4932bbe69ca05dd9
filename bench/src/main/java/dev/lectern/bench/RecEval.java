package dev.lectern.bench;

import dev.lectern.recommend.model.AlsParams;
import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.ImplicitAls;
import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.ItemSimilarity;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import dev.lectern.recommend.model.Scoring;
import dev.lectern.recommend.model.SimilarityParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code rec-eval}: the recommendation models on one split of an interactions CSV — popularity,
 * item-kNN and implicit ALS — with HR@k, NDCG@k and catalogue coverage@k (docs/recommendations.md).
 * With {@code --tune}, hyper-parameters are first chosen on a validation split carved from the
 * training part the same way, never on the test split.
 */
final class RecEval {

    private RecEval() {
    }

    static int run(String[] argv) throws IOException {
        Args args = new Args(argv, Set.of("--interactions", "--protocol", "--k", "--seed", "--tune-users", "--regression"),
                Set.of("--tune", "--tune-regression"));
        Path file = Path.of(args.required("--interactions"));
        if (!Files.isReadable(file)) {
            throw new Args.Usage("cannot read " + file);
        }
        RecSplit.Protocol protocol = switch (args.string("--protocol", "loo")) {
            case "loo" -> RecSplit.Protocol.LOO;
            case "holdout" -> RecSplit.Protocol.HOLDOUT;
            default -> throw new Args.Usage("--protocol must be loo or holdout");
        };
        int k = (int) args.number("--k", 10, 1);
        long seed = args.number("--seed", 42, Long.MIN_VALUE);
        int tuneUsers = (int) args.number("--tune-users", 10_000, 1);

        long t0 = System.nanoTime();
        Interactions data = Interactions.read(file);
        InteractionMatrix all = data.matrix();
        progress("read %,d pairs: %,d users × %,d items in %.1f s", all.nonZeros(), all.users(), all.items(), seconds(t0));
        RecSplit split = RecSplit.of(all, data.time(), protocol, seed);
        int[] testUsers = split.testUsers();
        progress("%s split: %,d test users, %,d test items", protocol.name().toLowerCase(Locale.ROOT), testUsers.length,
                split.testItems().length);

        SimilarityParams similarity = SimilarityParams.DEFAULT;
        AlsParams als = AlsParams.DEFAULT;
        if (args.flag("--tune")) {
            RecSplit validation = RecSplit.of(split.train(), split.trainTime(), protocol, seed + 1);
            int[] users = sample(validation.testUsers(), tuneUsers, seed);
            progress("validation split: %,d users evaluated (of %,d)", users.length, validation.testUsers().length);
            RecTuning tuning = new RecTuning(validation, users, k, seed);
            similarity = tuning.similarity();
            als = tuning.als();
        }
        RegressionParams regression = RecRegressionTuning.parse(args.string("--regression", null));
        if (args.flag("--tune-regression")) {
            RecSplit validation = RecSplit.of(split.train(), split.trainTime(), protocol, seed + 1);
            regression = RecRegressionTuning.choose(validation, sample(validation.testUsers(), tuneUsers, seed), k);
        }
        progress("item-kNN %s", similarity);
        progress("ALS %s", als);

        Map<String, RecEvaluator.Metrics> results = new LinkedHashMap<>();
        results.put("popularity", RecEvaluator.evaluate(split, testUsers, k, popularity(split.train())));
        progress("popularity: %s", format(results.get("popularity"), k));
        long t1 = System.nanoTime();
        Neighbours neighbours = ItemSimilarity.compute(split.train(), similarity);
        progress("similarity in %.2f s", seconds(t1));
        results.put("itemknn", RecEvaluator.evaluate(split, testUsers, k, itemKnn(neighbours)));
        progress("itemknn: %s", format(results.get("itemknn"), k));
        long t2 = System.nanoTime();
        Factors factors = ImplicitAls.train(split.train(), als);
        progress("ALS in %.2f s", seconds(t2));
        results.put("mf", RecEvaluator.evaluate(split, testUsers, k, mf(factors)));
        progress("mf: %s", format(results.get("mf"), k));

        long t3 = System.nanoTime();
        Neighbours regressed = NeighbourhoodRegression.compute(split.train(), regression);
        progress("regression %s in %.2f s", regression, seconds(t3));
        results.put("regression", RecEvaluator.evaluate(split, testUsers, k, itemKnn(regressed)));
        progress("regression: %s", format(results.get("regression"), k));

        StringBuilder json = new StringBuilder("{\"models\":{");
        String separator = "";
        for (Map.Entry<String, RecEvaluator.Metrics> entry : results.entrySet()) {
            RecEvaluator.Metrics m = entry.getValue();
            json.append(separator).append('"').append(entry.getKey()).append("\":{")
                    .append(String.format(Locale.ROOT, "\"hr@%d\":%.5f,\"ndcg@%d\":%.5f,\"coverage\":%.5f", k, m.hr(), k, m.ndcg(), m.coverage()))
                    .append('}');
            separator = ",";
        }
        json.append("},\"users\":").append(testUsers.length).append(",\"items\":").append(all.items()).append('}');
        System.out.println(json);
        return 0;
    }

    static RecEvaluator.Model popularity(InteractionMatrix train) {
        float[] counts = new float[train.items()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = train.itemStart()[i + 1] - train.itemStart()[i];
        }
        return (user, items, strengths, out) -> System.arraycopy(counts, 0, out, 0, counts.length);
    }

    static RecEvaluator.Model itemKnn(Neighbours neighbours) {
        return (user, items, strengths, out) -> Scoring.knn(neighbours, items, strengths, out);
    }

    /** The trained user factors: the test users are training users, and fold-in gives about the same ranking (ImplicitAlsTest). */
    static RecEvaluator.Model mf(Factors factors) {
        int rank = factors.rank();
        return (user, items, strengths, out) -> {
            float[] vector = java.util.Arrays.copyOfRange(factors.userFactors(), user * rank, (user + 1) * rank);
            Scoring.mf(factors, vector, 1f, out);
        };
    }

    /** Up to n of the users, a seeded sample in ascending order. */
    static int[] sample(int[] users, int n, long seed) {
        if (users.length <= n) {
            return users;
        }
        int[] copy = users.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int p = 0; p < n; p++) {
            int q = p + random.nextInt(copy.length - p);
            int swap = copy[p];
            copy[p] = copy[q];
            copy[q] = swap;
        }
        int[] chosen = java.util.Arrays.copyOf(copy, n);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    static String format(RecEvaluator.Metrics m, int k) {
        return String.format(Locale.ROOT, "HR@%d %.4f  NDCG@%d %.4f  coverage %.4f  (%,d users)", k, m.hr(), k, m.ndcg(), m.coverage(), m.users());
    }

    static void progress(String format, Object... values) {
        System.err.println(String.format(Locale.ROOT, format, values));
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
