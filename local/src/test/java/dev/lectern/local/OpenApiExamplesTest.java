package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The request examples the generated suites build their bodies from: every request schema a route
 * names has one, and it is valid against its own schema (so the documentation shows a body that
 * works, and the fuzzer mutates a valid one).
 */
class OpenApiExamplesTest {

    @Test
    void everyRequestSchemaHasAValidExample() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        LecternCatalog.routes().stream().map(Route::requestSchema).filter(Objects::nonNull).distinct().forEach(name -> {
            var root = Json.mapper().createObjectNode();
            root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
            root.put("$ref", "#/components/schemas/" + name);
            root.putObject("components").set("schemas", RouteFixtures.DOCUMENT.at("/components/schemas"));
            var schema = registry.getSchema(root);

            var example = RouteFixtures.example(name);

            assertThat(schema.validate(example)).as(name + "'s example " + example).isEmpty();
        });
    }
}
