package dev.lectern.recommend.spark;

import dev.lectern.recommend.model.Neighbours;
import java.util.HashSet;
import java.util.Set;

/** How far two engines' neighbour lists agree: items whose lists hold the same courses, and the largest score difference over the courses both hold. */
record Parity(int items, int sameSets, double maxScoreDifference) {

    static Parity of(Neighbours expected, Neighbours actual) {
        int same = 0;
        double worst = 0;
        for (int i = 0; i < expected.items(); i++) {
            Set<Integer> a = new HashSet<>();
            for (int p = 0; p < expected.count(i); p++) {
                a.add(expected.id(i, p));
            }
            Set<Integer> b = new HashSet<>();
            for (int p = 0; p < actual.count(i); p++) {
                b.add(actual.id(i, p));
                for (int q = 0; q < expected.count(i); q++) {
                    if (expected.id(i, q) == actual.id(i, p)) {
                        worst = Math.max(worst, Math.abs(expected.score(i, q) - actual.score(i, p)));
                    }
                }
            }
            same += a.equals(b) ? 1 : 0;
        }
        return new Parity(expected.items(), same, worst);
    }

    double sameShare() {
        return items == 0 ? 1 : (double) sameSets / items;
    }
}
