package dev.lectern.core.http;

import java.util.List;
import java.util.Map;

/** Typed query-string parameters; a bad value is a 400 naming the parameter. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static int integer(Map<String, String> query, String name, int fallback, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ProblemException.validation(List.of(new FieldError(name, "must be a number between " + min + " and " + max)));
    }
}
