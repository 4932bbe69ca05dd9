package dev.lectern.local;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.OpenApiDocument;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.RouteMatcher;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.Json;
import java.io.IOException;
import java.util.Iterator;

/**
 * Checks an API response against what the OpenAPI document says of its route: the status must be
 * documented, a JSON body must match the documented schema of that status (the success schema, or
 * {@code Problem} for problem+json), with the documented content type, and a status documented
 * without content must come without a body. For the check, object schemas that list their
 * {@code properties} and do not say otherwise are closed ({@code additionalProperties: false}) and
 * {@code format}s are asserted: a handler that returns a field, a status or a shape the document
 * does not describe fails. The document itself stays open for additions, as an API's should.
 *
 * <p>Used by {@link ApiClient} on every response, so every end-to-end test checks its answers.
 */
final class OpenApiResponses {

    private static final OpenApiResponses INSTANCE = new OpenApiResponses();

    private final ObjectNode doc;
    private final RouteMatcher<Route> matcher = RouteMatcher.of(LecternCatalog.routes());
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiResponses() {
        doc = OpenApiDocument.generate("test", "http://localhost");
        closeObjects(doc.get("components").get("schemas"));
    }

    static OpenApiResponses get() {
        return INSTANCE;
    }

    /** The document as the check sees it (object schemas closed). */
    ObjectNode document() {
        return doc;
    }

    /** What is wrong with this response, or nothing; requests to the local platform's own endpoints are not checked. */
    List<String> violations(String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
        String path = URI.create("http://x" + pathAndQuery.replace(" ", "%20")).getRawPath();
        if (path.startsWith("/_local/") || path.equals("/openapi.json") || path.startsWith("/docs") || method.equals("OPTIONS")) {
            return List.of();
        }
        var match = matcher.match(method, path).match();
        String where = method + " " + pathAndQuery + " -> " + status;
        List<String> problems = new ArrayList<>();
        JsonNode responses;
        if (match.isEmpty()) {
            // the $default route: 404 or 405 problem+json
            if (status != 404 && status != 405) {
                return List.of(where + ": no route matches, so only 404 or 405 are documented");
            }
            checkBody(where, "application/problem+json", "Problem", contentType, body, method, problems);
            return problems;
        }
        Route route = match.get().route();
        responses = doc.get("paths").get(route.path()).get(route.method().toLowerCase(Locale.ROOT)).get("responses");
        JsonNode response = responses.get(String.valueOf(status));
        if (response == null) {
            return List.of(where + ": status " + status + " is not documented for " + route.routeKey()
                    + " (documented: " + String.join(", ", names(responses)) + ")");
        }
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            if (body != null && !body.isEmpty() && !method.equals("HEAD")) {
                problems.add(where + ": documented without a body, but one came: " + abbreviate(body));
            }
            return problems;
        }
        String mediaType = content.fieldNames().next();
        String ref = content.get(mediaType).get("schema").get("$ref").asText();
        checkBody(where, mediaType, ref.substring(ref.lastIndexOf('/') + 1), contentType, body, method, problems);
        return problems;
    }

    private void checkBody(String where, String mediaType, String schemaName, Optional<String> contentType, String body,
                           String method, List<String> problems) {
        if (method.equals("HEAD")) {
            return;
        }
        String actualType = contentType.map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!actualType.equals(mediaType)) {
            problems.add(where + ": Content-Type " + actualType + ", documented " + mediaType);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(body == null ? "" : body);
        } catch (IOException | RuntimeException e) {
            problems.add(where + ": the body is not JSON: " + abbreviate(body));
            return;
        }
        if (node == null || node.isMissingNode()) {
            problems.add(where + ": no body, documented " + schemaName);
            return;
        }
        List<Error> errors = schema(schemaName).validate(node);
        errors.forEach(e -> problems.add(where + ": " + schemaName + " " + e.getInstanceLocation() + " " + e.getMessage()
                + " in " + abbreviate(body)));
    }

    private Schema schema(String name) {
        return schemas.computeIfAbsent(name, n -> {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
            root.put("$ref", "#/components/schemas/" + n);
            root.putObject("components").set("schemas", doc.get("components").get("schemas"));
            return registry.getSchema(root);
        });
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Every object schema that lists properties and says nothing of others admits no others. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties") && !object.has("$ref")) {
                object.put("additionalProperties", false);
            }
        }
        if (node.isContainerNode()) {
            node.forEach(OpenApiResponses::closeObjects);
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}
