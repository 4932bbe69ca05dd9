package dev.lectern.core.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Matches a request path against route templates the way API Gateway does: literal segments win
 * over {@code {parameter}} segments, and a path that exists under another method answers 405.
 */
public final class RouteMatcher {

    /** A route and the path parameters it bound. */
    public record Match(Route route, Map<String, String> pathParameters) {
    }

    /** The outcome: a match, or the methods that exist for the path (empty when none does). */
    public record Result(Optional<Match> match, List<String> allowedMethods) {
        public boolean pathExists() {
            return match.isPresent() || !allowedMethods.isEmpty();
        }
    }

    private final List<Route> routes;

    public RouteMatcher(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public Result match(String method, String path) {
        String[] segments = split(path);
        Match best = null;
        int bestScore = -1;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = bind(split(route.path()), segments);
            if (parameters == null) {
                continue;
            }
            allowed.add(route.method());
            if (route.method().equalsIgnoreCase(method)) {
                int score = literalSegments(route.path());
                if (score > bestScore) {
                    best = new Match(route, parameters);
                    bestScore = score;
                }
            }
        }
        if ("HEAD".equalsIgnoreCase(method) || "OPTIONS".equalsIgnoreCase(method)) {
            allowed.add("OPTIONS");
        }
        return new Result(Optional.ofNullable(best), best != null ? List.of() : new ArrayList<>(allowed));
    }

    private static Map<String, String> bind(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                parameters.put(t.substring(1, t.length() - 1), segments[i]);
            } else if (!t.equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static int literalSegments(String template) {
        int count = 0;
        for (String s : split(template)) {
            if (!s.startsWith("{")) {
                count++;
            }
        }
        return count;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
