package dev.lectern.bench;

import dev.lectern.recommend.model.InteractionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A train/test split of an interaction matrix over the same user and item indexes.
 *
 * @param train     what the models learn from
 * @param trainTime the train pairs' timestamps aligned with {@code train.userItems()}, or null
 * @param testStart per user, the start of their test items in {@code testItems} ({@code users + 1} entries)
 * @param testItems the held-out items, by user
 */
record RecSplit(InteractionMatrix train, long[] trainTime, int[] testStart, int[] testItems) {

    enum Protocol {
        /** One item per user with ≥ 2 items: the latest if timestamps are known, else a seeded-random one. */
        LOO,
        /** A seeded 20 % of each user's items (rounded, at least one left for training). */
        HOLDOUT
    }

    static final double HOLDOUT_SHARE = 0.2;

    int testCount(int user) {
        return testStart[user + 1] - testStart[user];
    }

    /** The users with at least one test item. */
    int[] testUsers() {
        int[] users = new int[train.users()];
        int n = 0;
        for (int u = 0; u < train.users(); u++) {
            if (testCount(u) > 0) {
                users[n++] = u;
            }
        }
        return Arrays.copyOf(users, n);
    }

    static RecSplit of(InteractionMatrix all, long[] time, Protocol protocol, long seed) {
        int users = all.users();
        int[] start = all.userStart();
        int[] items = all.userItems();
        float[] weights = all.userWeights();
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] test = new boolean[all.nonZeros()];
        int[] testStart = new int[users + 1];
        int[] positions = new int[0];
        for (int u = 0; u < users; u++) {
            int from = start[u];
            int degree = start[u + 1] - from;
            int held = 0;
            if (protocol == Protocol.LOO && degree >= 2) {
                int chosen = from + random.nextInt(degree);
                if (time != null) {
                    chosen = from;
                    for (int p = from + 1; p < from + degree; p++) {
                        if (time[p] >= time[chosen]) {
                            chosen = p;
                        }
                    }
                }
                test[chosen] = true;
                held = 1;
            } else if (protocol == Protocol.HOLDOUT) {
                held = (int) Math.min(degree - 1, Math.round(HOLDOUT_SHARE * degree));
                if (positions.length < degree) {
                    positions = new int[Math.max(degree, positions.length * 2)];
                }
                for (int p = 0; p < degree; p++) {
                    positions[p] = from + p;
                }
                // partial Fisher-Yates: the first `held` slots are a uniform sample
                for (int p = 0; p < held; p++) {
                    int q = p + random.nextInt(degree - p);
                    int swap = positions[p];
                    positions[p] = positions[q];
                    positions[q] = swap;
                    test[positions[p]] = true;
                }
            }
            testStart[u + 1] = testStart[u] + Math.max(held, 0);
        }
        int tests = testStart[users];
        int trains = all.nonZeros() - tests;
        int[] testItems = new int[tests];
        int[] trainUser = new int[trains];
        int[] trainItem = new int[trains];
        float[] trainWeight = new float[trains];
        long[] trainTime = time == null ? null : new long[trains];
        int t = 0;
        int n = 0;
        for (int u = 0; u < users; u++) {
            for (int p = start[u]; p < start[u + 1]; p++) {
                if (test[p]) {
                    testItems[t++] = items[p];
                } else {
                    trainUser[n] = u;
                    trainItem[n] = items[p];
                    trainWeight[n] = weights[p];
                    if (trainTime != null) {
                        trainTime[n] = time[p];
                    }
                    n++;
                }
            }
        }
        // the triples are already in the matrix's order (user, then item), so trainTime stays aligned
        InteractionMatrix train = InteractionMatrix.of(users, all.items(), trainUser, trainItem, trainWeight, trains);
        return new RecSplit(train, trainTime, testStart, testItems);
    }
}
