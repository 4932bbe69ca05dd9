package dev.lectern.recommend.model;

import java.util.SplittableRandom;

/** Matrices for the model tests. */
final class AlsFixtures {

    private AlsFixtures() {
    }

    /** {@code count} seeded random pairs (duplicates summed), strengths 1 to 3. */
    static InteractionMatrix random(int users, int items, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] user = new int[count];
        int[] item = new int[count];
        float[] weight = new float[count];
        for (int t = 0; t < count; t++) {
            user[t] = random.nextInt(users);
            // skewed towards low indexes, as popularity is
            item[t] = (int) (items * Math.pow(random.nextDouble(), 2));
            weight[t] = 1 + random.nextInt(3);
        }
        return InteractionMatrix.of(users, items, user, item, weight, count);
    }

    /**
     * Two blocks: learners 0–3 hold items 0–3 and learners 4–7 items 4–7, each learner missing
     * one item of their block (learner u misses item u).
     */
    static InteractionMatrix blocks() {
        int[] user = new int[24];
        int[] item = new int[24];
        int n = 0;
        for (int u = 0; u < 8; u++) {
            int base = u < 4 ? 0 : 4;
            for (int i = base; i < base + 4; i++) {
                if (i != u) {
                    user[n] = u;
                    item[n] = i;
                    n++;
                }
            }
        }
        return InteractionMatrix.of(8, 8, user, item, ItemSimilarityTest.ones(n), n);
    }
}
