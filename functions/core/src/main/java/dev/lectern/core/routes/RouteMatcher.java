package dev.lectern.core.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Matches a request path against route templates the way API Gateway does: literal segments win
 * over {@code {parameter}} segments, and a path that exists under another method answers 405.
 *
 * @param <T> what is matched: catalog {@link Route}s (the local gateway) or bare {@link RouteKey}s
 *            (the {@code $default} function)
 */
public final class RouteMatcher<T> {

    /** A route and the path parameters it bound. */
    public record Match<T>(T route, Map<String, String> pathParameters) {
    }

    /** The outcome: a match, or the methods that exist for the path (empty when none does). */
    public record Result<T>(Optional<Match<T>> match, List<String> allowedMethods) {
        public boolean pathExists() {
            return match.isPresent() || !allowedMethods.isEmpty();
        }
    }

    private final List<T> routes;
    private final Function<T, RouteKey> keyOf;

    public RouteMatcher(List<T> routes, Function<T, RouteKey> keyOf) {
        this.routes = List.copyOf(routes);
        this.keyOf = keyOf;
    }

    public static RouteMatcher<Route> of(List<Route> routes) {
        return new RouteMatcher<>(routes, Route::key);
    }

    public static RouteMatcher<RouteKey> ofKeys(List<RouteKey> keys) {
        return new RouteMatcher<>(keys, Function.identity());
    }

    /**
     * The route for {@code method} on {@code path}. HEAD is answered by the GET route of the path
     * (its function drops the body), so HEAD is allowed wherever GET is.
     */
    public Result<T> match(String method, String path) {
        String wanted = "HEAD".equalsIgnoreCase(method) ? "GET" : method;
        String[] segments = split(path);
        Match<T> best = null;
        int bestScore = -1;
        TreeSet<String> allowed = new TreeSet<>();
        for (T route : routes) {
            RouteKey key = keyOf.apply(route);
            Map<String, String> parameters = bind(split(key.path()), segments);
            if (parameters == null) {
                continue;
            }
            allowed.add(key.method());
            if (key.method().equals("GET")) {
                allowed.add("HEAD");
            }
            if (key.method().equalsIgnoreCase(wanted)) {
                int score = literalSegments(key.path());
                if (score > bestScore) {
                    best = new Match<>(route, parameters);
                    bestScore = score;
                }
            }
        }
        if ("OPTIONS".equalsIgnoreCase(method)) {
            allowed.add("OPTIONS");
        }
        return new Result<>(Optional.ofNullable(best), best != null ? List.of() : new ArrayList<>(allowed));
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
