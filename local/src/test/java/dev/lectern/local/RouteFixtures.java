package dev.lectern.local;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.OpenApiDocument;
import dev.lectern.core.routes.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the generated suites call routes with: a published free course with a section, an article
 * lesson and a free-preview lesson (and, on request, a video lesson), built through the API; path ids by parameter
 * name; and a valid request body for every request schema, from the example the OpenAPI document
 * gives it. A route added later needs no more than an example in its schema and, for a new kind of
 * path parameter, a value here: the suites then cover it.
 */
final class RouteFixtures {

    static final JsonNode DOCUMENT = OpenApiDocument.generate("test", "http://localhost");

    private final ApiClient api;

    RouteFixtures(ApiClient api) {
        this.api = api.unchecked();
    }

    /** Ids of one course built by {@code owner}: courseId, sectionId, lessonId (article), previewLessonId, creatorId. */
    record Course(Map<String, String> ids) {
        String get(String name) {
            return ids.get(name);
        }
    }

    /** A draft (or, with {@code publish}, a published free) course of {@code owner}, with the learner tokens enrolled in it and its reviewers. */
    Course course(String owner, boolean publish, String... enrolled) {
        String courseId = created(api.post("/courses", owner, "{\"title\":\"Fixture\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}"));
        String base = "/courses/" + courseId;
        String section = created(api.post(base + "/sections", owner, "{\"title\":\"Part one\"}"));
        String article = created(api.post(base + "/lessons", owner, "{\"sectionId\":\"" + section
                + "\",\"title\":\"Article\",\"kind\":\"article\",\"body\":\"# Paid text\"}"));
        String preview = created(api.post(base + "/lessons", owner, "{\"sectionId\":\"" + section
                + "\",\"title\":\"Preview\",\"kind\":\"article\",\"freePreview\":true,\"body\":\"# Free text\"}"));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("courseId", courseId);
        ids.put("sectionId", section);
        ids.put("lessonId", article);
        ids.put("previewLessonId", preview);
        ids.put("creatorId", JWT.decode(owner).getSubject());
        if (publish) {
            expect(api.post(base + "/publish", owner, null), 200);
            for (String learner : enrolled) {
                expect(api.post(base + "/enroll", learner, null), 200);
                // every enrolled learner has reviewed it: what changing a review needs
                expect(api.post(base + "/reviews", learner, "{\"rating\":4}"), 201);
            }
        }
        return new Course(ids);
    }

    /**
     * A published paid course of {@code owner} and a checkout of it by {@code buyer}, left pending:
     * the order id (what the order routes need).
     */
    String pendingOrder(String owner, String buyer) {
        String courseId = created(api.post("/courses", owner, "{\"title\":\"Paid fixture\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":1999,\"currency\":\"usd\"}}"));
        String section = created(api.post("/courses/" + courseId + "/sections", owner, "{\"title\":\"Part one\"}"));
        created(api.post("/courses/" + courseId + "/lessons", owner, "{\"sectionId\":\"" + section
                + "\",\"title\":\"Article\",\"kind\":\"article\",\"body\":\"# Paid text\"}"));
        expect(api.post("/courses/" + courseId + "/publish", owner, null), 200);
        ApiClient.Response checkout = api.post("/checkout", buyer, json("courseId", courseId));
        if (checkout.status() != 201) {
            throw new IllegalStateException("fixture: checkout: expected 201, got " + checkout.status() + " " + checkout.body());
        }
        return checkout.json().get("orderId").asText();
    }

    /** A video lesson without media in the course (what upload needs). */
    String videoLesson(String owner, Course course) {
        return created(api.post("/courses/" + course.get("courseId") + "/lessons", owner, "{\"sectionId\":\""
                + course.get("sectionId") + "\",\"title\":\"Video\",\"kind\":\"video\",\"durationSeconds\":60}"));
    }

    /** The route's path with every parameter replaced by its value in {@code ids}; fails for a parameter no fixture knows. */
    static String path(Route route, Map<String, String> ids) {
        String path = route.path();
        for (String name : route.pathParameters()) {
            String value = ids.get(name);
            if (value == null) {
                throw new IllegalStateException(route.routeKey() + ": no fixture value for path parameter {" + name
                        + "}: add one to RouteFixtures");
            }
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    /** The query parameters the document declares for the route, in its order. */
    static List<JsonNode> queryParameters(Route route) {
        List<JsonNode> query = new java.util.ArrayList<>();
        DOCUMENT.get("paths").get(route.path()).get(route.method().toLowerCase(java.util.Locale.ROOT)).get("parameters")
                .forEach(parameter -> {
                    if (parameter.get("in").asText().equals("query")) {
                        query.add(parameter);
                    }
                });
        return query;
    }

    /** The first example of a request schema, as an object the caller may change. */
    static ObjectNode example(String schema) {
        JsonNode examples = DOCUMENT.at("/components/schemas/" + schema + "/examples");
        if (!examples.isArray() || examples.isEmpty() || !examples.get(0).isObject()) {
            throw new IllegalStateException("request schema " + schema + " has no example: add \"examples\" to it");
        }
        return examples.get(0).deepCopy();
    }

    /** The request schema itself. */
    static JsonNode schema(String name) {
        return DOCUMENT.at("/components/schemas/" + name);
    }

    /**
     * A valid body for the route: its schema's example, with ids from {@code ids} for properties named
     * like a fixture id, a new email for a registration and what {@code special} supplies for schemas
     * whose valid values are secrets (credentials, refresh tokens).
     */
    static String body(Route route, Map<String, String> ids, Map<String, Supplier<String>> special) {
        if (route.requestSchema() == null) {
            return null;
        }
        Supplier<String> given = special.get(route.requestSchema());
        if (given != null) {
            return given.get();
        }
        ObjectNode body = example(route.requestSchema());
        List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        names.forEach(name -> {
            if (ids.containsKey(name)) {
                body.put(name, ids.get(name));
            }
        });
        if (route.requestSchema().equals("Registration")) {
            body.put("email", "r-" + UUID.randomUUID() + "@example.com");
        }
        return Json.write(body);
    }

    static String json(String key, String value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put(key, value);
        return Json.write(node);
    }

    private static String created(ApiClient.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("fixture: expected 201, got " + response.status() + " " + response.body());
        }
        return response.json().get("id").asText();
    }

    private static void expect(ApiClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("fixture: expected " + status + ", got " + response.status() + " " + response.body());
        }
    }
}
