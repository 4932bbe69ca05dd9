package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.OpenApiDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web app's typed client is generated from {@code web/src/api/openapi.json}: that copy must be
 * the catalog's document, or the app would compile against an API that does not exist. After a
 * route change, refresh it with
 * {@code ./mvnw -pl local surefire:test -Dtest=WebApiDocumentTest -Dlectern.web.writeOpenApi=true}.
 */
class WebApiDocumentTest {

    private static final Path COPY = Path.of("..", "web", "src", "api", "openapi.json");

    @Test
    void theWebAppCompilesAgainstTheCatalogsDocument() throws IOException {
        ObjectNode current = OpenApiDocument.generate("web", "/");
        if (Boolean.getBoolean("lectern.web.writeOpenApi")) {
            Files.writeString(COPY, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(current) + "\n");
        }

        JsonNode copy = Json.mapper().readTree(COPY.toFile());

        assertThat(copy).as("web/src/api/openapi.json is out of date; see this test's comment").isEqualTo(current);
    }
}
