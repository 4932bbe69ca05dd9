package dev.lectern.core.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.Json;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI 3.1 document, generated from the route catalog: paths, methods, auth, parameters and
 * the problem responses come from {@link LecternCatalog}; body shapes from the named schemas each
 * context keeps beside its entries ({@link ContextFunctions#openApiSchemas()}) and the shared
 * ones in core's {@code openapi/core.json}. A route that names a missing schema, or two contexts
 * that name one schema, fail generation, so the document's test keeps them in step.
 */
public final class OpenApiDocument {

    private static final String CORE_SCHEMAS = "/openapi/core.json";

    private OpenApiDocument() {
    }

    public static ObjectNode generate(String version, String serverUrl) {
        ObjectNode schemas = schemas();
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Lectern API");
        info.put("version", version);
        info.put("description", "Courses, learners, payments and recommendations. Errors are RFC 9457 problem+json.");
        doc.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode paths = doc.putObject("paths");
        for (Route route : LecternCatalog.routes()) {
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            item.set(route.method().toLowerCase(Locale.ROOT), operation(route, schemas));
        }
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas);
        components.putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        return doc;
    }

    private static ObjectNode operation(Route route, ObjectNode schemas) {
        ObjectNode op = Json.mapper().createObjectNode();
        op.put("operationId", route.id());
        op.put("summary", route.summary());
        op.putArray("tags").add(route.module());
        if (route.audience() == null) {
            throw new IllegalStateException("route " + route.routeKey() + " declares no audience (Route.Builder.audience)");
        }
        String who = " Who may call it: " + route.audience().description() + ".";
        if (route.auth() == Auth.OPTIONAL_USER) {
            ArrayNode security = op.putArray("security");
            security.addObject();
            security.addObject().putArray("bearer");
            op.put("description", "A bearer token is optional; with one, the answer is for that user." + who);
        } else if (route.auth() != Auth.PUBLIC) {
            op.putArray("security").addObject().putArray("bearer");
            op.put("description", "Requires a bearer token" + (route.auth() == Auth.USER ? "." : " with the role " + route.auth().name().toLowerCase(Locale.ROOT) + ".") + who);
        } else {
            op.put("description", who.trim());
        }
        op.put("x-audience", route.audience().wireName());
        op.set("parameters", parameters(route));
        if (route.requestSchema() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject("application/json").set("schema", ref(route.requestSchema(), schemas));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode success = responses.putObject(String.valueOf(route.successStatus()));
        success.put("description", "Success");
        if (route.responseSchema() != null) {
            success.putObject("content").putObject("application/json").set("schema", ref(route.responseSchema(), schemas));
        }
        route.otherResponses().forEach((status, description) -> responses.putObject(String.valueOf(status)).put("description", description));
        for (ProblemType problem : problemsOf(route)) {
            String status = String.valueOf(problem.status());
            if (responses.has(status)) {
                // two kinds of problem share a status (validation-error and malformed-json are both 400)
                ObjectNode response = (ObjectNode) responses.get(status);
                response.put("description", response.get("description").asText() + "; " + problem.title());
                continue;
            }
            ObjectNode response = responses.putObject(status);
            response.put("description", problem.title());
            response.putObject("content").putObject("application/problem+json").set("schema", ref("Problem", schemas));
        }
        return op;
    }

    /** Path ids, the query parameters the route declares, and Idempotency-Key on an idempotent create. */
    static ArrayNode parameters(Route route) {
        ArrayNode parameters = Json.mapper().createArrayNode();
        route.pathParameters().forEach(name -> parameters.addObject()
                .put("name", name).put("in", "path").put("required", true).putObject("schema")
                .put("type", "string").put("pattern", "^" + Ids.PATTERN + "$"));
        route.queryParameters().forEach(query -> parameters.addObject()
                .put("name", query.name()).put("in", "query").put("required", query.required())
                .put("description", query.description())
                .set("schema", Json.mapper().valueToTree(query.schema())));
        if (route.idempotent()) {
            ObjectNode key = parameters.addObject().put("name", "Idempotency-Key").put("in", "header").put("required", false)
                    .put("description", "Retrying with the same key replays the first result (24 h); another request with it is 422");
            key.putObject("schema").put("type", "string").put("minLength", 1).put("maxLength", 255);
        }
        return parameters;
    }

    private static List<ProblemType> problemsOf(Route route) {
        var problems = new ArrayList<ProblemType>();
        if (route.requestSchema() != null) {
            problems.addAll(List.of(ProblemType.VALIDATION, ProblemType.MALFORMED_JSON, ProblemType.PAYLOAD_TOO_LARGE,
                    ProblemType.UNSUPPORTED_MEDIA_TYPE));
        }
        if (route.auth() != Auth.PUBLIC) {
            problems.add(ProblemType.UNAUTHORIZED);
        }
        if (route.auth() == Auth.CREATOR || route.auth() == Auth.ADMIN) {
            problems.add(ProblemType.FORBIDDEN);
        }
        if (!route.pathParameters().isEmpty()) {
            problems.add(ProblemType.NOT_FOUND);
        }
        if (route.idempotent()) {
            problems.addAll(List.of(ProblemType.CONFLICT, ProblemType.UNPROCESSABLE));
        }
        if (route.access().stream().anyMatch(a -> a.resource() == ResourceId.TABLE)) {
            problems.add(ProblemType.SERVICE_UNAVAILABLE);
        }
        // what the route declares besides (402 on enrol, 412 on a conditional PATCH, 429 on sign-in, ...)
        route.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        problems.sort(java.util.Comparator.comparingInt(ProblemType::status));
        return problems;
    }

    private static JsonNode ref(String schema, ObjectNode schemas) {
        if (!schemas.has(schema)) {
            throw new IllegalStateException("schema " + schema + " is named in the catalog but no context's schemas define it");
        }
        return Json.mapper().createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode schemas() {
        ObjectNode all = read(CORE_SCHEMAS);
        for (ContextFunctions context : LecternCatalog.contexts()) {
            String resource = context.openApiSchemas();
            if (context.getClass().getResource(resource) == null) {
                continue; // a context without routes (only consumers or schedules) has no schemas
            }
            read(context.getClass(), resource).properties().forEach(schema -> {
                if (all.has(schema.getKey())) {
                    throw new IllegalStateException("schema " + schema.getKey() + " of " + context.module() + " is defined twice");
                }
                all.set(schema.getKey(), schema.getValue());
            });
        }
        return all;
    }

    private static ObjectNode read(String resource) {
        return read(OpenApiDocument.class, resource);
    }

    private static ObjectNode read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no OpenAPI schemas at " + resource);
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
