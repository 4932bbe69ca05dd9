package dev.lectern.core.routes;

import java.util.ArrayList;
import java.util.List;

/**
 * Partition key prefixes of the single table that a context owns or reads. Every item key and
 * every index partition key a context writes starts with one of its prefixes, so that IAM's
 * {@code dynamodb:LeadingKeys} condition can keep each function inside its own items.
 */
public record TableKeys(List<String> prefixes) {

    public TableKeys {
        prefixes = List.copyOf(prefixes);
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> p.isBlank() || p.contains("*") || p.contains("?"))) {
            throw new IllegalArgumentException("key prefixes must be non-empty literals: " + prefixes);
        }
    }

    public static TableKeys of(String... prefixes) {
        return new TableKeys(List.of(prefixes));
    }

    /** These prefixes and those of {@code other}: a context that also reads another's items. */
    public TableKeys and(TableKeys other) {
        List<String> all = new ArrayList<>(prefixes);
        other.prefixes.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new TableKeys(all);
    }
}
