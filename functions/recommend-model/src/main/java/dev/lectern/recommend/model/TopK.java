package dev.lectern.recommend.model;

/**
 * The k best (id, score) pairs of a stream: a min-heap whose root is the worst kept pair. Ties go
 * to the lower id, so the result does not depend on the order the pairs arrive in.
 */
final class TopK {

    private final int capacity;
    private final int[] ids;
    private final float[] scores;
    private int size;

    TopK(int capacity) {
        this.capacity = capacity;
        ids = new int[capacity];
        scores = new float[capacity];
    }

    void clear() {
        size = 0;
    }

    /** The score a pair needs to be worth offering: 0 until k pairs are kept, then the worst kept score. */
    float floor() {
        return size < capacity ? 0 : scores[0];
    }

    void offer(int id, float score) {
        if (size < capacity) {
            int c = size++;
            while (c > 0) {
                int parent = (c - 1) >>> 1;
                if (!worse(id, score, ids[parent], scores[parent])) {
                    break;
                }
                ids[c] = ids[parent];
                scores[c] = scores[parent];
                c = parent;
            }
            ids[c] = id;
            scores[c] = score;
        } else if (worse(ids[0], scores[0], id, score)) {
            siftDown(id, score, size);
        }
    }

    /**
     * Writes the kept pairs best first at {@code out*[offset..]}, scores raised to {@code exponent},
     * and empties the heap; slots past the kept pairs are left as they are.
     */
    void drainBestFirst(int[] outIds, float[] outScores, int offset, double exponent) {
        while (size > 0) {
            int id = ids[0];
            float score = scores[0];
            size--;
            if (size > 0) {
                siftDown(ids[size], scores[size], size);
            }
            outIds[offset + size] = id;
            outScores[offset + size] = raise(score, exponent);
        }
    }

    /** {@code score^exponent}, without {@code Math.pow} for the usual whole exponents. */
    private static float raise(float score, double exponent) {
        if (exponent == 1) {
            return score;
        }
        if (exponent == 2) {
            return score * score;
        }
        if (exponent == 3) {
            return score * score * score;
        }
        return (float) Math.pow(score, exponent);
    }

    private void siftDown(int id, float score, int n) {
        int c = 0;
        while (true) {
            int child = 2 * c + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && worse(ids[child + 1], scores[child + 1], ids[child], scores[child])) {
                child++;
            }
            if (!worse(ids[child], scores[child], id, score)) {
                break;
            }
            ids[c] = ids[child];
            scores[c] = scores[child];
            c = child;
        }
        ids[c] = id;
        scores[c] = score;
    }

    private static boolean worse(int idA, float scoreA, int idB, float scoreB) {
        return scoreA < scoreB || (scoreA == scoreB && idA > idB);
    }
}
