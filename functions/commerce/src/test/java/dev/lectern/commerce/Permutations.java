package dev.lectern.commerce;

import java.util.ArrayList;
import java.util.List;

/** Every order of a list: what the commutativity tests apply Stripe's events in. */
final class Permutations {

    private Permutations() {
    }

    static <T> List<List<T>> of(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : of(rest)) {
                List<T> one = new ArrayList<>();
                one.add(first);
                one.addAll(tail);
                result.add(one);
            }
        }
        return result;
    }
}
