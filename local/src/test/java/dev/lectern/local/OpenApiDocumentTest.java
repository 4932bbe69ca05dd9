package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.OpenApiDocument;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the catalog it is generated from, with every context on the classpath. */
class OpenApiDocumentTest {

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

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
