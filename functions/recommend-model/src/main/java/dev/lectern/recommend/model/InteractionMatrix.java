package dev.lectern.recommend.model;

/**
 * Learner × course implicit strengths, held both ways: compressed rows by learner (each learner's
 * courses, ascending) and compressed columns by course (each course's learners, ascending). Indexes
 * are dense ({@code 0..users-1}, {@code 0..items-1}); the job maps ids to indexes.
 */
public final class InteractionMatrix {

    private final int users;
    private final int items;
    private final int[] userStart;
    private final int[] userItems;
    private final float[] userWeights;
    private final int[] itemStart;
    private final int[] itemUsers;
    private final float[] itemWeights;

    private InteractionMatrix(int users, int items, int[] userStart, int[] userItems, float[] userWeights) {
        this.users = users;
        this.items = items;
        this.userStart = userStart;
        this.userItems = userItems;
        this.userWeights = userWeights;
        int n = userItems.length;
        itemStart = new int[items + 1];
        for (int i = 0; i < n; i++) {
            itemStart[userItems[i] + 1]++;
        }
        for (int i = 0; i < items; i++) {
            itemStart[i + 1] += itemStart[i];
        }
        itemUsers = new int[n];
        itemWeights = new float[n];
        int[] next = itemStart.clone();
        for (int u = 0; u < users; u++) {
            for (int p = userStart[u]; p < userStart[u + 1]; p++) {
                int slot = next[userItems[p]]++;
                itemUsers[slot] = u;
                itemWeights[slot] = userWeights[p];
            }
        }
    }

    /**
     * The matrix of {@code count} (user, item, weight) triples: repeated pairs are summed, and a
     * pair whose sum is not positive is left out (a refund that cancels a purchase).
     */
    public static InteractionMatrix of(int users, int items, int[] user, int[] item, float[] weight, int count) {
        for (int i = 0; i < count; i++) {
            if (user[i] < 0 || user[i] >= users || item[i] < 0 || item[i] >= items) {
                throw new IllegalArgumentException("triple " + i + " is outside " + users + " × " + items);
            }
        }
        // two stable counting sorts (by item, then by user) leave each user's items ascending
        int[] byItem = countingOrder(item, count, items, null);
        int[] order = countingOrder(user, count, users, byItem);
        int[] start = new int[users + 1];
        int[] items0 = new int[count];
        float[] weights0 = new float[count];
        int n = 0;
        int p = 0;
        for (int u = 0; u < users; u++) {
            start[u] = n;
            while (p < count && user[order[p]] == u) {
                int i = item[order[p]];
                // summed in double and rounded once, as the Spark job's aggregation does
                double w = 0;
                while (p < count && user[order[p]] == u && item[order[p]] == i) {
                    w += weight[order[p]];
                    p++;
                }
                if ((float) w > 0) {
                    items0[n] = i;
                    weights0[n] = (float) w;
                    n++;
                }
            }
        }
        start[users] = n;
        // no copy when nothing was merged or dropped: at tens of millions of pairs it would be two more arrays of that size
        return n == count
                ? new InteractionMatrix(users, items, start, items0, weights0)
                : new InteractionMatrix(users, items, start, java.util.Arrays.copyOf(items0, n), java.util.Arrays.copyOf(weights0, n));
    }

    /**
     * The rows of a seeded random sample of learners, whole, up to about {@code maxNonZeros}
     * interactions (every learner when they fit): what a model whose cost grows with the
     * interactions, and whose item side needs many learners but not all of them, trains on.
     * Courses keep their indexes.
     */
    public InteractionMatrix learnerSample(int maxNonZeros, long seed) {
        if (nonZeros() <= maxNonZeros) {
            return this;
        }
        int[] order = new int[users];
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        java.util.Random random = new java.util.Random(seed);
        for (int u = users - 1; u > 0; u--) {
            int other = random.nextInt(u + 1);
            int swap = order[u];
            order[u] = order[other];
            order[other] = swap;
        }
        int[] user = new int[maxNonZeros];
        int[] item = new int[maxNonZeros];
        float[] weight = new float[maxNonZeros];
        int count = 0;
        int sampled = 0;
        for (int u : order) {
            int length = userStart[u + 1] - userStart[u];
            if (count + length > maxNonZeros) {
                continue;
            }
            for (int p = userStart[u]; p < userStart[u + 1]; p++) {
                user[count] = sampled;
                item[count] = userItems[p];
                weight[count++] = userWeights[p];
            }
            sampled++;
        }
        return of(sampled, items, user, item, weight, count);
    }

    /**
     * This matrix with each learner cut to their {@code cap} strongest items (ties to the lower item
     * index), or this matrix itself when no learner has more.
     */
    public InteractionMatrix strongestPerUser(int cap) {
        int over = 0;
        for (int u = 0; u < users; u++) {
            if (userStart[u + 1] - userStart[u] > cap) {
                over++;
            }
        }
        if (over == 0) {
            return this;
        }
        int[] start = new int[users + 1];
        for (int u = 0; u < users; u++) {
            start[u + 1] = start[u] + Math.min(cap, userStart[u + 1] - userStart[u]);
        }
        int[] items0 = new int[start[users]];
        float[] weights0 = new float[start[users]];
        for (int u = 0; u < users; u++) {
            int from = userStart[u];
            int degree = userStart[u + 1] - from;
            if (degree <= cap) {
                System.arraycopy(userItems, from, items0, start[u], degree);
                System.arraycopy(userWeights, from, weights0, start[u], degree);
                continue;
            }
            // positive floats order like their bit patterns: one long sorts by weight descending, then item
            long[] keys = new long[degree];
            for (int p = 0; p < degree; p++) {
                keys[p] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(userWeights[from + p])) << 32) | userItems[from + p];
            }
            java.util.Arrays.sort(keys);
            int[] kept = new int[cap];
            for (int p = 0; p < cap; p++) {
                kept[p] = (int) keys[p];
            }
            java.util.Arrays.sort(kept);
            for (int p = 0, q = from; p < cap; p++) {
                while (userItems[q] != kept[p]) {
                    q++;
                }
                items0[start[u] + p] = kept[p];
                weights0[start[u] + p] = userWeights[q];
            }
        }
        return new InteractionMatrix(users, items, start, items0, weights0);
    }

    /** The positions 0..count-1 (or those of {@code within}, in its order) stably sorted by key. */
    private static int[] countingOrder(int[] key, int count, int keys, int[] within) {
        int[] start = new int[keys + 1];
        for (int i = 0; i < count; i++) {
            start[key[i] + 1]++;
        }
        for (int k = 0; k < keys; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            int position = within == null ? i : within[i];
            order[start[key[position]]++] = position;
        }
        return order;
    }

    public int users() {
        return users;
    }

    public int items() {
        return items;
    }

    public int nonZeros() {
        return userItems.length;
    }

    /** Row starts by learner ({@code users + 1} entries) into {@link #userItems()} and {@link #userWeights()}. */
    public int[] userStart() {
        return userStart;
    }

    public int[] userItems() {
        return userItems;
    }

    public float[] userWeights() {
        return userWeights;
    }

    /** Column starts by course ({@code items + 1} entries) into {@link #itemUsers()} and {@link #itemWeights()}. */
    public int[] itemStart() {
        return itemStart;
    }

    public int[] itemUsers() {
        return itemUsers;
    }

    public float[] itemWeights() {
        return itemWeights;
    }
}
