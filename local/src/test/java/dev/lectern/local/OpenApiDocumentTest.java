package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.Json;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.OpenApiDocument;
import dev.lectern.core.routes.QueryParameter;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the catalog it is generated from, with every context on the classpath. */
class OpenApiDocumentTest {

    /** What OpenAPI 3.1 allows in a Parameter Object (besides x- extensions, which the generator does not write). */
    private static final Set<String> PARAMETER_FIELDS = Set.of("name", "in", "description", "required", "deprecated",
            "allowEmptyValue", "style", "explode", "allowReserved", "schema", "example", "examples", "content");
    private static final Pattern TEMPLATE_ID = Pattern.compile("\\{([^}]+)}");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final SchemaRegistry FORMATS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final JsonNode doc = OpenApiDocument.generate("1.2.3", "http://localhost:8080");

    @Test
    void describesEveryCatalogRouteAndNothingElse() {
        List<String> operations = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> operations.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(operations).containsExactlyInAnyOrderElementsOf(LecternCatalog.routes().stream().map(Route::routeKey).toList());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/version").asText()).isEqualTo("1.2.3");
    }

    @Test
    void everySchemaReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref ->
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void healthDocumentsItsBodyAndItsProblem() {
        JsonNode health = doc.at("/paths/~1health/get");

        assertThat(health.at("/responses/200/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Health");
        assertThat(health.at("/responses/503/content/application~1problem+json/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(health.has("security")).isFalse();
    }

    @Test
    void everyParameterIsAValidOpenApiParameter() {
        Schema jsonSchema = SCHEMAS.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            Set<String> seen = new HashSet<>();
            List<String> pathIds = new ArrayList<>();
            for (JsonNode parameter : op.getValue().get("parameters")) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                String what = where + " " + in + " " + name;
                assertThat(name).as(where).isNotBlank();
                assertThat(in).as(what).isIn("path", "query", "header", "cookie");
                assertThat(seen.add(in + " " + name)).as(what + " is declared once").isTrue();
                assertThat(names(parameter)).as(what).isSubsetOf(PARAMETER_FIELDS);
                assertThat(parameter.path("required").isBoolean()).as(what + " says whether it is required").isTrue();
                if (in.equals("path")) {
                    assertThat(parameter.get("required").asBoolean()).as(what + ": path parameters are required").isTrue();
                    pathIds.add(name);
                } else {
                    assertThat(parameter.path("description").asText()).as(what + " is described").isNotBlank();
                }
                JsonNode schema = parameter.get("schema");
                assertThat(schema).as(what + " has a schema").isNotNull();
                assertThat(jsonSchema.validate(schema)).as(what + "'s schema " + schema).isEmpty();
                Schema values = FORMATS.getSchema(schema);
                if (schema.has("default")) {
                    assertThat(values.validate(schema.get("default"))).as(what + "'s default").isEmpty();
                }
                schema.path("enum").forEach(value -> assertThat(values.validate(value)).as(what + "'s " + value).isEmpty());
            }
            assertThat(pathIds).as(where + ": the template's ids").containsExactlyElementsOf(
                    TEMPLATE_ID.matcher(path.getKey()).results().map(m -> m.group(1)).toList());
        }));
    }

    @Test
    void everyRouteThatReadsTheQueryStringDeclaresWhatItReads() {
        Map<String, List<String>> declared = new TreeMap<>();
        LecternCatalog.routes().forEach(route -> {
            List<String> names = route.queryParameters().stream().map(QueryParameter::name).toList();
            if (!names.isEmpty()) {
                declared.put(route.routeKey(), names);
            }
        });

        assertThat(declared).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("GET /courses", List.of("sort", "tag", "creatorId", "level", "language", "priceMax", "limit", "cursor")),
                Map.entry("GET /courses/trending", List.of("limit", "language")),
                Map.entry("GET /courses/search", List.of("q", "limit")),
                Map.entry("GET /courses/{courseId}/reviews", List.of("limit", "cursor")),
                Map.entry("GET /courses/{courseId}/similar", List.of("limit")),
                Map.entry("GET /courses/{courseId}/coupons", List.of("limit", "cursor")),
                Map.entry("GET /creators/me/courses", List.of("limit", "cursor")),
                Map.entry("GET /me/orders", List.of("limit", "cursor")),
                Map.entry("GET /me/recommendations", List.of("limit", "language")),
                Map.entry("GET /creators/me/earnings", List.of("from", "to")),
                Map.entry("GET /admin/revenue", List.of("from", "to")),
                Map.entry("GET /creators/me/analytics", List.of("from", "to", "courseId")),
                Map.entry("GET /admin/analytics", List.of("from", "to")))));
    }

    @Test
    void theCourseListDocumentsItsOrderFiltersAndPages() {
        Map<String, JsonNode> query = query("/courses");

        assertThat(query.keySet()).containsExactly("sort", "tag", "creatorId", "level", "language", "priceMax", "limit", "cursor");
        assertThat(query.get("sort").get("schema")).isEqualTo(json("{'type':'string','enum':['newest','popular','rating'],'default':'newest'}"));
        assertThat(query.get("priceMax").get("schema")).isEqualTo(json("{'type':'integer','minimum':0,'maximum':2147483647}"));
        assertThat(query.get("limit").get("schema")).isEqualTo(json("{'type':'integer','minimum':1,'maximum':100,'default':20}"));
        assertThat(query.get("cursor").get("schema")).isEqualTo(json("{'type':'string'}"));
        assertThat(query.values()).allSatisfy(p -> assertThat(p.get("required").asBoolean()).isFalse());
    }

    @Test
    void searchRequiresItsWordsAndReportsTakeDaysOrMonths() {
        JsonNode q = query("/courses/search").get("q");
        assertThat(q.get("required").asBoolean()).isTrue();
        assertThat(q.get("schema")).isEqualTo(json("{'type':'string','minLength':1,'maxLength':200}"));

        Map<String, JsonNode> analytics = query("/creators/me/analytics");
        assertThat(analytics.get("from").get("schema")).isEqualTo(json("{'type':'string','format':'date'}"));
        assertThat(analytics.get("to").get("schema")).isEqualTo(json("{'type':'string','format':'date'}"));
        assertThat(analytics.get("courseId").at("/schema/pattern").asText()).isEqualTo("^(?:" + Ids.PATTERN + ")$");

        Schema month = FORMATS.getSchema(query("/creators/me/earnings").get("from").get("schema"));
        assertThat(month.validate(json("'2026-11'"))).isEmpty();
        assertThat(month.validate(json("'1970-01'"))).isEmpty();
        assertThat(month.validate(json("'2026-13'"))).isNotEmpty();
        assertThat(month.validate(json("'1969-12'"))).isNotEmpty();
        assertThat(month.validate(json("'2026-11-01'"))).isNotEmpty();
    }

    @Test
    void everyContextModuleContributesItsFunctionsAndEveryHandlerLivesInItsModule() throws IOException {
        // a context module is one that packages a Lambda jar (recommend-model and recommend-spark do not)
        List<String> modules;
        try (Stream<Path> dirs = Files.list(Path.of("..", "functions"))) {
            modules = dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> read(d.resolve("pom.xml")).contains("<lectern.lambda.skipPackage>false</lectern.lambda.skipPackage>"))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
        List<FunctionSpec> functions = LecternCatalog.functions();

        assertThat(LecternCatalog.contexts()).extracting(ContextFunctions::module).containsExactlyElementsOf(modules);
        assertThat(functions).extracting(FunctionSpec::id).doesNotHaveDuplicates();
        assertThat(LecternCatalog.routes()).extracting(Route::routeKey).doesNotHaveDuplicates();
        assertThat(functions).allSatisfy(f -> assertThat(f.handler()).startsWith("dev.lectern." + f.module() + "."));
        assertThat(LecternCatalog.fallback().isDefaultRoute()).isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noContextWritesUnderAnotherContextsKeyPrefixesButCoresSharedLayouts() {
        // entitlements, a course's counters and change markers, and learning progress (which the catalog's erasure
        // consumer deletes with the entitlements) are the layouts core shares (Entitlements, Courses, Progress)
        Set<String> shared = new TreeSet<>(Entitlements.KEYS.and(Courses.KEYS).and(Progress.KEYS).prefixes());
        Map<String, Set<String>> written = new TreeMap<>();
        LecternCatalog.functions().forEach(f -> f.access().stream()
                .filter(a -> a.resource() == ResourceId.TABLE && a.mode().writes())
                .forEach(a -> written.computeIfAbsent(f.module(), m -> new TreeSet<>()).addAll(a.keyPrefixes())));

        written.forEach((module, prefixes) -> written.forEach((other, otherPrefixes) -> {
            if (!module.equals(other)) {
                prefixes.forEach(p -> otherPrefixes.forEach(q -> {
                    boolean overlap = p.startsWith(q) || q.startsWith(p);
                    assertThat(overlap && !(shared.contains(p) && q.equals(p)))
                            .as(module + " writes " + p + ", " + other + " writes " + q).isFalse();
                }));
            }
        }));
        assertThat(written).containsKeys("identity", "catalog");
    }

    /** The operation's query parameters by name, in the document's order. */
    private Map<String, JsonNode> query(String path) {
        Map<String, JsonNode> query = new LinkedHashMap<>();
        doc.get("paths").get(path).get("get").get("parameters").forEach(p -> {
            if (p.get("in").asText().equals("query")) {
                query.put(p.get("name").asText(), p);
            }
        });
        return query;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
