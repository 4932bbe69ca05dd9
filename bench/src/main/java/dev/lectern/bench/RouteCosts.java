package dev.lectern.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured units of each route, as {@code DynamoDbRequestsPerRouteEnd2EndTest} writes them to
 * {@code local/target/route-costs.json} (its helper {@code RouteCostRecorder}), and the counts of
 * the catalog that fixed costs depend on.
 */
record RouteCosts(String producedAt, int passes, Catalog catalog, Map<String, Route> routes) {

    /** The command that writes the file: the whole build, or the one test. */
    static final String PRODUCING_COMMAND = "./mvnw verify -pl local -am -Dtest=DynamoDbRequestsPerRouteEnd2EndTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false";

    /** What one call of a route costs, measured through the local platform. */
    record Route(String key, String id, int memoryMb, int dynamoDbRequests, double readUnits, double writeUnits,
                 double durationMs, long logBytes, int logLines, long emfBytes, int emfLines, long responseBytes) {
    }

    /** Counts of the catalog: contexts, functions (alarms), API functions and schedules (metrics), queues. */
    record Catalog(int contexts, int routes, int apiFunctions, int consumers, int schedules, int functions, int queues,
                   int businessMetrics) {
    }

    static RouteCosts load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist. It is written by the per-route counting test; run `"
                    + PRODUCING_COMMAND + "` (or `./mvnw verify`) first, from the repository's root.");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not readable JSON (" + e.getMessage() + "); run `" + PRODUCING_COMMAND
                    + "` again", e);
        }
        JsonNode c = root.path("catalog");
        Catalog catalog = new Catalog(c.path("contexts").asInt(), c.path("routes").asInt(), c.path("apiFunctions").asInt(), c.path("consumers").asInt(),
                c.path("schedules").asInt(), c.path("functions").asInt(), c.path("queues").asInt(), c.path("businessMetrics").asInt());
        Map<String, Route> routes = new LinkedHashMap<>();
        root.path("routes").properties().forEach(e -> {
            JsonNode r = e.getValue();
            if (!r.has("durationMs")) {
                return;
            }
            routes.put(e.getKey(), new Route(e.getKey(), r.path("id").asText(), r.path("memoryMb").asInt(),
                    r.path("dynamoDb").path("requests").asInt(), r.path("dynamoDb").path("readUnits").asDouble(),
                    r.path("dynamoDb").path("writeUnits").asDouble(), r.path("durationMs").asDouble(), r.path("logBytes").asLong(),
                    r.path("logLines").asInt(), r.path("emfBytes").asLong(), r.path("emfLines").asInt(),
                    r.path("responseBytes").asLong()));
        });
        if (routes.isEmpty()) {
            throw new IllegalStateException(file + " holds no measured route; run `" + PRODUCING_COMMAND + "` again");
        }
        return new RouteCosts(root.path("producedAt").asText(), root.path("passes").asInt(), catalog, routes);
    }

    Route route(String key) {
        Route route = routes.get(key);
        if (route == null) {
            throw new IllegalStateException("the learner mix names " + key + ", which route-costs.json does not measure: either the "
                    + "route changed (update LearnerMix) or the file is old (run `" + PRODUCING_COMMAND + "`)");
        }
        return route;
    }
}
