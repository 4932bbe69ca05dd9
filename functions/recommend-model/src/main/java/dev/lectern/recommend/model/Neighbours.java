package dev.lectern.recommend.model;

/**
 * Each item's top-k most similar items, best first: slot {@code item * k + j} holds the j-th
 * neighbour's index (−1 past the item's last neighbour) and its similarity.
 */
public record Neighbours(int items, int k, int[] ids, float[] scores) {

    public Neighbours {
        if (ids.length != (long) items * k || scores.length != ids.length) {
            throw new IllegalArgumentException("neighbour arrays must hold items × k entries");
        }
    }

    /** How many neighbours the item has (≤ k). */
    public int count(int item) {
        int base = item * k;
        int j = 0;
        while (j < k && ids[base + j] >= 0) {
            j++;
        }
        return j;
    }

    public int id(int item, int j) {
        return ids[item * k + j];
    }

    public float score(int item, int j) {
        return scores[item * k + j];
    }
}
