package dev.lectern.bench;

import dev.lectern.recommend.model.InteractionMatrix;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Full-ranking top-k evaluation: every item not in the user's training set is a candidate, the
 * model's k best candidates (ties to the lower item index) are compared with the user's test items.
 * HR@k is the share of users with a test item in their top k; NDCG@k uses binary relevance and
 * the ideal ranking of min(k, test items) hits; coverage is the share of the catalogue that is in
 * some evaluated user's top k.
 */
final class RecEvaluator {

    /** A model's scores of every item for one user from their training items; {@code out} arrives zeroed. */
    interface Model {
        void score(int user, int[] items, float[] strengths, float[] out);
    }

    record Metrics(double hr, double ndcg, double coverage, int users) {
    }

    private static final int USERS_PER_CHUNK = 512;

    private RecEvaluator() {
    }

    static Metrics evaluate(RecSplit split, int[] users, int k, Model model) {
        InteractionMatrix train = split.train();
        int items = train.items();
        int chunks = (users.length + USERS_PER_CHUNK - 1) / USERS_PER_CHUNK;
        double[] hr = new double[chunks];
        double[] ndcg = new double[chunks];
        boolean[][] seen = new boolean[chunks][];
        // per chunk results summed in chunk order: the figures do not depend on the threads
        IntStream.range(0, chunks).parallel().forEach(c -> {
            float[] scores = new float[items];
            boolean[] recommended = new boolean[items];
            int[] top = new int[k];
            for (int x = c * USERS_PER_CHUNK, end = Math.min(users.length, x + USERS_PER_CHUNK); x < end; x++) {
                int u = users[x];
                int from = train.userStart()[u];
                int to = train.userStart()[u + 1];
                int[] trainItems = Arrays.copyOfRange(train.userItems(), from, to);
                float[] strengths = Arrays.copyOfRange(train.userWeights(), from, to);
                Arrays.fill(scores, 0f);
                model.score(u, trainItems, strengths, scores);
                int n = topK(scores, trainItems, top);
                double[] userMetrics = userMetrics(top, n, split.testItems(), split.testStart()[u], split.testStart()[u + 1], k);
                hr[c] += userMetrics[0];
                ndcg[c] += userMetrics[1];
                for (int r = 0; r < n; r++) {
                    recommended[top[r]] = true;
                }
            }
            seen[c] = recommended;
        });
        double hits = 0;
        double gain = 0;
        boolean[] covered = new boolean[items];
        for (int c = 0; c < chunks; c++) {
            hits += hr[c];
            gain += ndcg[c];
            for (int i = 0; i < items; i++) {
                covered[i] |= seen[c][i];
            }
        }
        int coveredItems = 0;
        for (boolean b : covered) {
            coveredItems += b ? 1 : 0;
        }
        int n = Math.max(1, users.length);
        return new Metrics(hits / n, gain / n, items == 0 ? 0 : (double) coveredItems / items, users.length);
    }

    /**
     * The indexes of the k highest scores, best first, leaving out {@code excluded} (sorted
     * ascending); ties go to the lower index. Returns how many were found (fewer than k only when
     * the candidates run out).
     */
    static int topK(float[] scores, int[] excluded, int[] top) {
        int k = top.length;
        float[] best = new float[k];
        int n = 0;
        int next = 0;
        for (int i = 0; i < scores.length; i++) {
            if (next < excluded.length && excluded[next] == i) {
                next++;
                continue;
            }
            float s = scores[i];
            if (n == k && s <= best[k - 1]) {
                continue;
            }
            int r = n < k ? n++ : k - 1;
            while (r > 0 && best[r - 1] < s) {
                best[r] = best[r - 1];
                top[r] = top[r - 1];
                r--;
            }
            best[r] = s;
            top[r] = i;
        }
        return n;
    }

    /** {hit, ndcg} of one ranked list against the test items {@code test[from..to)}. */
    static double[] userMetrics(int[] top, int n, int[] test, int from, int to, int k) {
        double dcg = 0;
        boolean hit = false;
        for (int r = 0; r < n; r++) {
            for (int p = from; p < to; p++) {
                if (test[p] == top[r]) {
                    dcg += 1 / log2(r + 2);
                    hit = true;
                    break;
                }
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, to - from); r++) {
            ideal += 1 / log2(r + 2);
        }
        return new double[] {hit ? 1 : 0, ideal == 0 ? 0 : dcg / ideal};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
