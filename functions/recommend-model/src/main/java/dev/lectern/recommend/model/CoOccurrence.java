package dev.lectern.recommend.model;

/**
 * One worker's accumulator of an item's dot products with every item it shares a learner with:
 * the item's learners (by column) and each learner's items (by row) are walked, the products summed
 * into a dense array, and the items touched listed, so that reading them back and clearing them
 * costs what was touched, not the catalogue. The pass both {@link ItemSimilarity} and
 * {@link NeighbourhoodRegression} make.
 *
 * <p>Without support counts the touched items are listed in ascending order (read off a bitset):
 * a caller keeping the top k with ties to the lower index then never sees a tie displace a kept
 * pair, and need only offer strictly better ones.
 */
final class CoOccurrence {

    private final int[] itemStart;
    private final int[] itemUsers;
    private final float[] itemWeights;
    private final int[] userStart;
    private final int[] userItems;
    private final float[] userWeights;
    /**
     * The dot products of the last accumulated item, by item: float products summed in double, so that
     * another engine summing the same products in another order (the Spark job) rounds to the same float.
     */
    final double[] dot;
    /** The items touched by the last accumulation: in ascending order without support counts, else in the order met. */
    final int[] touched;
    /** Learners in common, when counted; else null and {@link #seen} marks the touched items, a bit each. */
    private final int[] support;
    private final long[] seen;
    private int count;

    CoOccurrence(InteractionMatrix m, boolean countSupport) {
        itemStart = m.itemStart();
        itemUsers = m.itemUsers();
        itemWeights = m.itemWeights();
        userStart = m.userStart();
        userItems = m.userItems();
        userWeights = m.userWeights();
        dot = new double[m.items()];
        touched = new int[m.items()];
        support = countSupport ? new int[m.items()] : null;
        seen = countSupport ? null : new long[(m.items() + 63) >>> 6];
    }

    /** Item i's dot products into {@link #dot}; returns how many items were touched (listed in {@link #touched}). */
    int accumulate(int i) {
        count = support == null ? marking(i) : counting(i);
        return count;
    }

    // two loops rather than a test of the mode per product: this is the job's innermost loop
    private int marking(int i) {
        for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
            int u = itemUsers[p];
            float w = itemWeights[p];
            for (int q = userStart[u]; q < userStart[u + 1]; q++) {
                int j = userItems[q];
                seen[j >>> 6] |= 1L << j;
                dot[j] += w * userWeights[q];
            }
        }
        // the touched items in ascending order, clearing the bits as they are read
        int n = 0;
        for (int word = 0; word < seen.length; word++) {
            long bits = seen[word];
            if (bits != 0) {
                seen[word] = 0;
                do {
                    touched[n++] = (word << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                } while (bits != 0);
            }
        }
        return n;
    }

    private int counting(int i) {
        int n = 0;
        for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
            int u = itemUsers[p];
            float w = itemWeights[p];
            for (int q = userStart[u]; q < userStart[u + 1]; q++) {
                int j = userItems[q];
                if (support[j]++ == 0) {
                    touched[n++] = j;
                }
                dot[j] += w * userWeights[q];
            }
        }
        return n;
    }

    /** The learners item j shares with the last accumulated item (counted only when asked for at construction). */
    int support(int j) {
        return support[j];
    }

    /** Clears what the last accumulation touched. */
    void clear() {
        for (int t = 0; t < count; t++) {
            int j = touched[t];
            dot[j] = 0;
            if (support != null) {
                support[j] = 0;
            }
        }
    }

    /** Each item's squared norm: Σ over its learners of the strength squared. */
    static double[] squaredNorms(InteractionMatrix m) {
        int[] itemStart = m.itemStart();
        float[] itemWeights = m.itemWeights();
        double[] squares = new double[m.items()];
        for (int i = 0; i < squares.length; i++) {
            for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                squares[i] += (double) itemWeights[p] * itemWeights[p];
            }
        }
        return squares;
    }
}
