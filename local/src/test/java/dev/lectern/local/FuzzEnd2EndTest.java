package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fuzzing, generated from the route catalog and the OpenAPI document. For every route with a
 * request body: its schema's example, mutated — each field of the wrong type, fractions for
 * integers, null, missing, out of its range or length, with control characters (NUL, ESC, U+0085),
 * bidirectional overrides, random text from a fixed seed — and the body as a whole: duplicate
 * keys, unknown fields, 10,000 nested arrays, not JSON, not UTF-8, empty, too large, of another
 * content type. For every route with path ids: ids too long, with encoded slashes, unicode, dot
 * segments. For every GET route: the query string, from the parameters the document declares
 * (every bound and listed value, one past each, values of other shapes, a required one left out,
 * foreign cursors) and odd ones it does not.
 *
 * <p>The oracle: a mutation the request schema refuses (or that breaks a rule every body follows:
 * JSON, UTF-8, no control characters, no duplicate keys) must be answered 4xx; a mutation the schema
 * admits may be accepted. Every answer must be documented for its route (status, content type,
 * shape; a 4xx is problem+json with type, title and status), never a 5xx, hold nothing of our
 * internals, and a refused request must leave the table as it was (every item compared, except
 * the sign-in windows that count a refused sign-in on purpose).
 */
class FuzzEnd2EndTest extends LocalPlatformTest {

    private static final long SEED = 20261128L;
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|jackson|java\\.|Feature|\\bat [a-z]+\\.[a-z]|dev\\.lectern|software\\.amazon|\\$\\d", Pattern.CASE_INSENSITIVE);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static ApiClient client;
    private static Map<String, String> ids;
    private static Map<Audience, String> tokens;
    private static String loginEmail;
    private static String ownerId;

    /** One request and whether it must be refused. */
    /** @param bodyCase the body is what was mutated: an invalid one must be refused as invalid input */
    record Case(String name, String method, String path, String token, Map<String, String> headers, byte[] body, boolean mustRefuse,
                boolean bodyCase) {
    }

    @BeforeAll
    static void fixture() {
        client = api.unchecked();
        RouteFixtures fixtures = new RouteFixtures(api);
        String owner = signUp(true);
        String learner = signUp(false);
        String admin = adminToken();
        ownerId = JWT.decode(owner).getSubject();
        RouteFixtures.Course course = fixtures.course(owner, true, learner);
        ids = new HashMap<>(course.ids());
        // a video lesson: the one kind every lesson route takes (upload needs media, a change without a body suits it)
        ids.put("lessonId", fixtures.videoLesson(owner, course));
        ids.put("id", JWT.decode(signUp(false)).getSubject());
        ids.put("orderId", fixtures.pendingOrder(owner, learner));
        loginEmail = "fuzz-" + UUID.randomUUID() + "@example.com";
        client.post("/auth/register", null, "{\"email\":\"" + loginEmail + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"F\"}");
        tokens = new HashMap<>();
        tokens.put(Audience.SIGNED_IN, signUp(false));
        tokens.put(Audience.CREATOR, owner);
        tokens.put(Audience.OWNER, owner);
        tokens.put(Audience.ENTITLED, owner);
        tokens.put(Audience.LEARNER, learner);
        tokens.put(Audience.ENROLLED, learner);
        tokens.put(Audience.ADMIN, admin);
        tokens.put(Audience.BUYER, learner);
    }

    @Test
    void everyBodyAndPathIdIsRefusedCleanlyOrAccepted() {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        int[] kinds = new int[2];
        for (Route route : LecternCatalog.routes()) {
            if (route.requestSchema() != null) {
                List<Case> bodies = bodyCases(route, random);
                kinds[0] += bodies.size();
                cases.addAll(bodies);
            }
            List<Case> paths = pathCases(route);
            kinds[1] += paths.size();
            cases.addAll(paths);
        }
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        List<String> serverErrors = new ArrayList<>();
        String before = tableDigest();
        int accepted = 0;
        for (Case c : cases) {
            ApiClient.Response response = client.raw(c.method(), c.path(), c.headers(), c.body());
            int status = response.status();
            List<String> wrong = new ArrayList<>(ApiClient.violations(c.method(), c.path(), response));
            if (status >= 500) {
                serverErrors.add(c.name() + " -> " + status + ": " + repro(c));
            }
            if (status >= 400 && status < 500 && c.bodyCase() && c.mustRefuse() && status != 400 && status != 413 && status != 415) {
                // an invalid body must be refused as such, before any state could answer for it
                wrong.add("refused with " + status + ", not as invalid input (400, 413, 415)");
            }
            if (status >= 300 && status < 500) {
                if (!response.header("content-type").startsWith("application/problem+json")) {
                    wrong.add("not problem+json");
                } else {
                    JsonNode problem = response.json();
                    if (!problem.has("type") || !problem.has("title") || problem.path("status").asInt() != status) {
                        wrong.add("a problem without type, title and status");
                    }
                }
                if (INTERNALS.matcher(response.body()).find()) {
                    wrong.add("internals in the answer: " + response.body());
                }
                String after = tableDigest();
                if (!after.equals(before)) {
                    wrong.add("a refused request changed the table");
                    before = after;
                }
            } else if (status < 300) {
                if (c.mustRefuse()) {
                    wrong.add("accepted what its schema refuses");
                }
                accepted++;
                before = tableDigest();
            }
            if (!wrong.isEmpty()) {
                failures.add(c.name() + " -> " + status + " " + abbreviate(response.body()) + "\n      " + String.join("\n      ", wrong)
                        + "\n      repro: " + repro(c));
            }
        }
        System.out.printf("fuzzing: %d cases (%d bodies, %d path ids; %d accepted, %d server errors, %d failures) in %d ms, seed %d%n",
                cases.size(), kinds[0], kinds[1], accepted, serverErrors.size(), failures.size(),
                (System.nanoTime() - started) / 1_000_000, SEED);
        serverErrors.forEach(e -> System.out.println("  5xx: " + e));
        assertThat(serverErrors).as("bad input never gets a 5xx").isEmpty();
        assertThat(failures).as("fuzz cases that failed").isEmpty();
    }

    /**
     * The query string of every GET route against the parameters the document declares for it: a
     * bound, a listed value or a default must be accepted; a value the parameter's schema refuses
     * (past a bound, outside the list, of another type or shape, too long, a required parameter
     * left out) and a cursor of no list must be a 400 naming the parameter; anything else may go
     * either way. Whatever the answer, it is documented for the route, never a 5xx, and a 400 names
     * only parameters the route declares. A handler whose bounds drift from its entry's declaration,
     * or that checks a parameter its entry does not declare, fails here.
     */
    @Test
    void everyQueryValueIsAnsweredAsItsDeclarationSays() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int accepted = 0;
        for (Route route : LecternCatalog.routes()) {
            if (!route.method().equals("GET")) {
                continue;
            }
            List<JsonNode> declared = RouteFixtures.queryParameters(route);
            Set<String> names = new TreeSet<>(declared.stream().map(p -> p.get("name").asText()).toList());
            String path = RouteFixtures.path(route, ids);
            Map<String, String> headers = auth(tokenFor(route));
            for (QueryCase c : queryCases(declared)) {
                String target = path + (c.query().isEmpty() ? "" : "?" + c.query());
                ApiClient.Response response = client.raw("GET", target, headers, null);
                int status = response.status();
                Set<String> named = status == 400 ? new TreeSet<>(response.json().path("errors").findValuesAsText("field")) : Set.of();
                List<String> wrong = new ArrayList<>(ApiClient.violations("GET", target, response));
                if (status >= 500) {
                    wrong.add("a server error");
                }
                if (status >= 400 && INTERNALS.matcher(response.body()).find()) {
                    wrong.add("internals in the answer");
                }
                if (!names.containsAll(named)) {
                    wrong.add("names parameters the route does not declare: " + named + " (declared: " + names + ")");
                }
                if (c.expect() == Expect.ACCEPTED && status >= 300) {
                    wrong.add("refused a value its declaration admits");
                }
                if (c.expect() == Expect.REFUSED && !(status == 400 && named.contains(c.parameter()))) {
                    wrong.add("not refused as a bad " + c.parameter() + " (a 400 naming it)");
                }
                if (!wrong.isEmpty()) {
                    failures.add(route.routeKey() + " ?" + abbreviate(c.query()) + " -> " + status + " " + abbreviate(response.body())
                            + "\n      " + String.join("\n      ", wrong));
                }
                cases++;
                accepted += status < 300 ? 1 : 0;
            }
        }
        System.out.printf("query strings: %d cases, %d accepted, %d failures%n", cases, accepted, failures.size());
        assertThat(failures).as("query values answered otherwise than declared").isEmpty();
    }

    // --- bodies ---------------------------------------------------------------------------------

    private List<Case> bodyCases(Route route, Random random) {
        List<Case> cases = new ArrayList<>();
        String path = RouteFixtures.path(route, ids);
        String token = tokenFor(route);
        JsonNode schema = RouteFixtures.schema(route.requestSchema());
        Schema validator = validator(route.requestSchema());
        ObjectNode base;
        try {
            base = (ObjectNode) Json.mapper().readTree(validBody(route));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(route.requestSchema() + "'s example is not JSON", e);
        }
        String name = route.routeKey() + " body ";

        // the body as a whole: rules every body follows, whatever its schema
        String valid = Json.write(base);
        String first = base.fieldNames().hasNext() ? base.fieldNames().next() : "x";
        cases.add(body(route, path, token, name + "not JSON", "application/json", bytes(valid.substring(0, valid.length() / 2)), true));
        cases.add(body(route, path, token, name + "empty", "application/json", new byte[0], true));
        cases.add(body(route, path, token, name + "as text/plain", "text/plain", bytes(valid), true));
        cases.add(body(route, path, token, name + "without a content type", null, bytes(valid), true));
        cases.add(body(route, path, token, name + "as form data", "application/x-www-form-urlencoded", bytes("a=1&b=2"), true));
        cases.add(body(route, path, token, name + "duplicate key " + first, "application/json",
                bytes(valid.replaceFirst("\\{", "{\"" + first + "\":" + Json.write(base.get(first)) + ",")), true));
        cases.add(body(route, path, token, name + "unknown field", "application/json",
                bytes(Json.write(base.deepCopy().put("unexpectedField", 1))), true));
        cases.add(body(route, path, token, name + "10,000 nested arrays", "application/json",
                bytes("{\"" + first + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"), true));
        cases.add(body(route, path, token, name + "10,000 nested objects", "application/json",
                bytes("{\"" + first + "\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"), true));
        for (String other : List.of("[]", "\"text\"", "42", "null", "true", "{} {}")) {
            cases.add(body(route, path, token, name + "top level " + other, "application/json", bytes(other), true));
        }
        cases.add(body(route, path, token, name + "not UTF-8", "application/json",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, true));
        cases.add(body(route, path, token, name + "over the size limit", "application/json",
                bytes("{\"" + first + "\":\"" + "a".repeat(route.maxBodyBytes() + 1) + "\"}"), true));

        // each field, wherever it is (price.amount too)
        for (String pointer : fields(schema, "")) {
            JsonNode fieldSchema = fieldSchema(schema, pointer);
            String label = name + pointer.substring(1).replace('/', '.') + " ";
            for (Map.Entry<String, JsonNode> mutation : mutations(fieldSchema, random).entrySet()) {
                ObjectNode mutated = base.deepCopy();
                if (!set(mutated, pointer, mutation.getValue())) {
                    continue;
                }
                boolean control = mutation.getKey().startsWith("control");
                // the binder reads null as "left out": for an optional field that is a valid request (documented in docs/security.md)
                boolean absent = mutation.getValue().isNull() && !isRequired(schema, pointer);
                cases.add(body(route, path, token, label + mutation.getKey(), "application/json", bytes(Json.write(mutated)),
                        control || (!absent && !validator.validate(mutated).isEmpty())));
            }
            if (isRequired(schema, pointer)) {
                ObjectNode without = base.deepCopy();
                remove(without, pointer);
                cases.add(body(route, path, token, label + "missing", "application/json", bytes(Json.write(without)), true));
            }
        }
        return cases;
    }

    /** A valid body for the route: its schema's example with the fixture's ids; credentials where the schema needs them. */
    private String validBody(Route route) {
        return RouteFixtures.body(route, ids, Map.of(
                "Login", () -> "{\"email\":\"" + loginEmail + "\",\"password\":\"wrong password, on purpose\"}",
                "AccountDeletion", () -> RouteFixtures.json("password", "wrong password, on purpose")));
    }

    /** Values that break the field's schema (or every body's rules), and some it admits, by name. */
    private static Map<String, JsonNode> mutations(JsonNode schema, Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> m = new LinkedHashMap<>();
        Set<String> types = types(schema);
        m.put("null", f.nullNode());
        if (!types.contains("string")) {
            m.put("as text", f.textNode("1"));
            m.put("as empty text", f.textNode(""));
        }
        if (!types.contains("integer") && !types.contains("number")) {
            m.put("as number", f.numberNode(1));
        }
        if (!types.contains("boolean")) {
            m.put("as boolean", f.booleanNode(true));
        }
        if (!types.contains("object")) {
            m.put("as object", f.objectNode());
        }
        if (!types.contains("array")) {
            m.put("as array", f.arrayNode().add("x"));
        }
        if (types.contains("integer")) {
            m.put("fraction", f.numberNode(1.5));
            m.put("exponent", f.numberNode(new java.math.BigDecimal("1E+2")));
            m.put("huge", f.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
            m.put("negative", f.numberNode(-1));
            if (schema.has("maximum")) {
                m.put("above maximum", f.numberNode(schema.get("maximum").asLong() + 1));
            }
            if (schema.has("minimum")) {
                m.put("below minimum", f.numberNode(schema.get("minimum").asLong() - 1));
            }
        }
        if (types.contains("string")) {
            String sample = schema.has("enum") ? schema.get("enum").get(0).asText() : "ab";
            m.put("control NUL", f.textNode(sample + "\u0000"));
            m.put("control ESC", f.textNode(sample + "\u001b[31m"));
            m.put("control U+0085", f.textNode(sample + "\u0085"));
            m.put("bidi override", f.textNode("abc\u202Edcba"));
            m.put("zero-width only", f.textNode("\u200b\u200b"));
            m.put("lone surrogate", f.textNode("a\uD800b"));
            m.put("two lines", f.textNode("a\nb"));
            m.put("empty", f.textNode(""));
            int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : 3_000;
            m.put("too long", f.textNode("x".repeat(Math.min(max + 1, 60_000))));
            m.put("huge", f.textNode("x".repeat(3_000)));
            m.put("unicode", f.textNode("学习 café 🎓"));
            if (schema.has("enum")) {
                m.put("not in enum", f.textNode("bogus"));
            }
            for (int i = 0; i < 3; i++) {
                m.put("random text " + i, f.textNode(randomText(random)));
            }
        }
        if (types.contains("array")) {
            m.put("items of the wrong type", f.arrayNode().add(1).add(true));
            m.put("null item", f.arrayNode().addNull());
            m.put("too many items", many(f, schema.has("maxItems") ? schema.get("maxItems").asInt() + 1 : 1_000));
            m.put("nested arrays", f.arrayNode().add(f.arrayNode().add("x")));
        }
        if (types.contains("object")) {
            m.put("empty object", f.objectNode());
        }
        return m;
    }

    private static ArrayNode many(JsonNodeFactory f, int n) {
        ArrayNode array = f.arrayNode();
        for (int i = 0; i < n; i++) {
            array.add("t" + i);
        }
        return array;
    }

    /** Code points from several planes and categories, fixed by the seed. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int[][] ranges = {{0x20, 0x7e}, {0xa0, 0x24f}, {0x370, 0x52f}, {0x4e00, 0x9fff}, {0x1f300, 0x1faff}, {0x2000, 0x206f}, {0xfe00, 0xfeff}};
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    // --- path ids ---------------------------------------------------------------------------------

    private List<Case> pathCases(Route route) {
        List<Case> cases = new ArrayList<>();
        String token = tokenFor(route);
        String body = route.requestSchema() == null ? null : validBody(route);
        Map<String, String> headers = body == null ? auth(token) : withJson(auth(token));
        for (String parameter : route.pathParameters()) {
            for (String odd : List.of("X".repeat(3_000), "a%2Fb", "%2F", "%C3%A9t%C3%A9", "..", "%2E%2E", "%00", "%20",
                    "01jdq5z8k3m4n5p6q7r8s9t0v1", "01JDQ5Z8K3M4N5P6Q7R8S9T0VU", "*", "%25%32%46", "null", "-1")) {
                Map<String, String> values = new HashMap<>(ids);
                values.put(parameter, odd);
                String path = RouteFixtures.path(route, values);
                cases.add(new Case(route.routeKey() + " {" + parameter + "}=" + abbreviate(odd), route.method(), path, token, headers,
                        body == null ? null : bytes(body), true, false));
            }
        }
        return cases;
    }

    // --- query strings ----------------------------------------------------------------------------

    /** What a query value must get: accepted, a 400 naming its parameter, or either. */
    enum Expect { ACCEPTED, REFUSED, EITHER }

    /** @param query the query string as sent (values percent-encoded where they need it) */
    record QueryCase(String query, String parameter, Expect expect) {
    }

    /** Values of every shape, each judged by the parameter's schema: what it refuses must be refused. */
    private static final List<String> ODD_VALUES = List.of("", "0", "-1", "99999999999999999999", "abc", "1.5", "1e3", "0x10", "%00",
            "x", "..%2F..", "%E2%80%AE", "X".repeat(3_000), "2026-02-30", "2026-2-1", "%F0%9F%8E%93");
    /** Cursors no list made: every paged list refuses them. */
    private static final List<String> FOREIGN_CURSORS = List.of("garbage", "%00", "A".repeat(3_000),
            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"PK\":{\"S\":\"USER#x\"}}".getBytes(StandardCharsets.UTF_8)),
            "%E2%80%AE", "..%2F..", "eyJ9");
    /** Parameters no route declares, or repeated, or odd for the routes that do: refused cleanly or ignored. */
    private static final List<String> UNDECLARED = List.of("sort=bogus", "sort=popular&cursor=b2Zmc2V0OjE", "priceMax=1e99", "level=%00",
            "language=..", "tag=" + "t".repeat(2_000), "creatorId=..%2F..", "q=%00", "q=" + "q".repeat(5_000), "limit=1&limit=2", "unknown=1");
    private static final SchemaRegistry FORMATS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static List<QueryCase> queryCases(List<JsonNode> declared) {
        Map<String, String> required = new LinkedHashMap<>();
        Map<String, Map<String, Expect>> values = new LinkedHashMap<>();
        for (JsonNode parameter : declared) {
            String name = parameter.get("name").asText();
            values.put(name, values(name, parameter.get("schema")));
            if (parameter.path("required").asBoolean()) {
                required.put(name, values.get(name).entrySet().stream().filter(v -> v.getValue() == Expect.ACCEPTED).findFirst()
                        .orElseThrow(() -> new IllegalStateException(name + " is required but no value of it is known to be accepted"))
                        .getKey());
            }
        }
        List<QueryCase> cases = new ArrayList<>();
        values.forEach((name, byValue) -> byValue.forEach((value, expect) -> {
            Map<String, String> query = new LinkedHashMap<>(required);
            query.put(name, value);
            cases.add(new QueryCase(join(query), name, expect));
        }));
        required.keySet().forEach(name -> {
            Map<String, String> without = new LinkedHashMap<>(required);
            without.remove(name);
            cases.add(new QueryCase(join(without), name, Expect.REFUSED));
        });
        UNDECLARED.forEach(other -> cases.add(new QueryCase(join(required) + (required.isEmpty() ? "" : "&") + other, null, Expect.EITHER)));
        return cases;
    }

    /** The values tried for one parameter and what each must get. */
    private static Map<String, Expect> values(String name, JsonNode schema) {
        Map<String, Expect> values = new LinkedHashMap<>();
        if (schema.has("minimum")) {
            values.put(String.valueOf(schema.get("minimum").asLong()), Expect.ACCEPTED);
            values.put(String.valueOf(schema.get("minimum").asLong() - 1), Expect.REFUSED);
        }
        if (schema.has("maximum")) {
            values.put(String.valueOf(schema.get("maximum").asLong()), Expect.ACCEPTED);
            values.put(String.valueOf(schema.get("maximum").asLong() + 1), Expect.REFUSED);
        }
        schema.path("enum").forEach(value -> values.put(value.asText(), Expect.ACCEPTED));
        if (schema.has("minLength")) {
            values.put("x".repeat(Math.max(1, schema.get("minLength").asInt())), Expect.ACCEPTED);
        }
        if (schema.has("maxLength")) {
            values.put("x".repeat(schema.get("maxLength").asInt()), Expect.ACCEPTED);
            values.put("x".repeat(schema.get("maxLength").asInt() + 1), Expect.REFUSED);
        }
        if (schema.has("default")) {
            values.put(schema.get("default").asText(), Expect.ACCEPTED);
        }
        if (name.equals("cursor")) {
            FOREIGN_CURSORS.forEach(cursor -> values.putIfAbsent(cursor, Expect.REFUSED));
        }
        Schema validator = FORMATS.getSchema(schema);
        for (String odd : ODD_VALUES) {
            values.putIfAbsent(odd, validator.validate(queryValue(odd, schema)).isEmpty() ? Expect.EITHER : Expect.REFUSED);
        }
        return values;
    }

    /** The value as the handler reads it, typed as the schema would see it in a generated client. */
    private static JsonNode queryValue(String sent, JsonNode schema) {
        String value = java.net.URLDecoder.decode(sent, StandardCharsets.UTF_8);
        return schema.path("type").asText().equals("integer") && value.matches("-?\\d+")
                ? JsonNodeFactory.instance.numberNode(new java.math.BigInteger(value))
                : JsonNodeFactory.instance.textNode(value);
    }

    private static String join(Map<String, String> query) {
        return String.join("&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    // --- helpers --------------------------------------------------------------------------------

    private static Case body(Route route, String path, String token, String name, String contentType, byte[] body, boolean mustRefuse) {
        Map<String, String> headers = auth(token);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Case(name, route.method(), path, token, headers, body, mustRefuse, true);
    }

    /** A caller inside the route's audience, so that a refusal is the body's doing, not the caller's. */
    private static String tokenFor(Route route) {
        if (route.auth() == Auth.PUBLIC || route.audience() == Audience.ANYONE) {
            return null;
        }
        return tokens.get(route.audience());
    }

    private static Map<String, String> auth(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        // anonymous POST /events names its device (400 without it): with one, its body is what is checked
        headers.put("Lectern-Device-Id", "fuzz-device-0001");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static Schema validator(String name) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.put("$ref", "#/components/schemas/" + name);
        root.putObject("components").set("schemas", RouteFixtures.DOCUMENT.at("/components/schemas"));
        return SCHEMAS.getSchema(root);
    }

    /** JSON pointers of every property the schema describes, nested objects included ($refs followed). */
    private static List<String> fields(JsonNode schema, String prefix) {
        List<String> pointers = new ArrayList<>();
        JsonNode resolved = resolve(schema);
        JsonNode properties = resolved.get("properties");
        if (properties == null) {
            return pointers;
        }
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            pointers.add(prefix + "/" + name);
            JsonNode child = resolve(properties.get(name));
            if (child.has("properties")) {
                pointers.addAll(fields(child, prefix + "/" + name));
            }
        }
        return pointers;
    }

    private static JsonNode fieldSchema(JsonNode schema, String pointer) {
        JsonNode node = resolve(schema);
        for (String part : pointer.substring(1).split("/")) {
            node = resolve(node.get("properties").get(part));
        }
        return node;
    }

    private static boolean isRequired(JsonNode schema, String pointer) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        JsonNode owner = parent.isEmpty() ? resolve(schema) : fieldSchema(schema, parent);
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode required = owner.get("required");
        if (required == null) {
            return false;
        }
        for (JsonNode r : required) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode node = schema;
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = RouteFixtures.DOCUMENT.at(ref.substring(1));
        }
        return node;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.get("type");
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    /** Sets the value at the pointer, creating a parent object from the example when missing; false when it cannot. */
    private static boolean set(ObjectNode body, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode object)) {
                return false;
            }
            node = object;
        }
        node.set(parts[parts.length - 1], value);
        return true;
    }

    private static void remove(ObjectNode body, String pointer) {
        String[] parts = pointer.substring(1).split("/");
        JsonNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (node == null) {
                return;
            }
        }
        if (node instanceof ObjectNode object) {
            object.remove(parts[parts.length - 1]);
        }
    }

    /** Every item of the table but the sign-in windows (a refused sign-in is counted on purpose), as one hash. */
    private static String tableDigest() {
        var items = new ArrayList<String>();
        var table = platform.emulators().resources().tableName();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = platform.emulators().dynamoDb().scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
            page.items().stream().filter(i -> !i.get("PK").s().startsWith("LOGINFAIL#")).map(i -> new java.util.TreeMap<>(i).toString())
                    .forEach(items::add);
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(null);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(String.join("\n", items).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line that reproduces the case against a local platform on port 8080. */
    private static String repro(Case c) {
        StringBuilder curl = new StringBuilder("curl -s -X ").append(c.method());
        c.headers().forEach((k, v) -> curl.append(" -H '").append(k).append(": ")
                .append(k.equals("Authorization") ? "Bearer $TOKEN" : v).append("'"));
        if (c.body() != null) {
            String text = new String(c.body(), StandardCharsets.UTF_8);
            curl.append(" --data-binary '").append(abbreviate(text.replace("'", "'\\''"))).append("'");
        }
        return curl.append(" 'http://127.0.0.1:8080").append(abbreviate(c.path())).append("'").toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.chars().limit(2_000).forEach(ch -> {
            if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", ch));
            } else {
                out.append((char) ch);
            }
        });
        String printable = text.length() > 2_000 ? out + "…" + text.substring(text.length() - 20) : out.toString();
        return printable.length() > 120 ? printable.substring(0, 60) + "…(" + printable.length() + " chars)…"
                + printable.substring(printable.length() - 20) : printable;
    }
}
