package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record a route's catalog entry names as its request type is the one its handler binds: SnapStart priming binds
 * the catalog's type before the snapshot (docs/architecture.md, "SnapStart priming"), so a handler that bound another
 * would start its first request with a cold binding. Read from the handlers' sources, where the binding is written.
 */
class RequestTypesTest {

    @Test
    void everyHandlerBindsTheRecordItsCatalogEntryNames() throws IOException {
        List<Route> withBodies = LecternCatalog.routes().stream().filter(r -> r.requestSchema() != null).toList();
        assertThat(withBodies).hasSizeGreaterThanOrEqualTo(21);
        for (Route route : withBodies) {
            assertThat(route.requestType()).as(route.id() + " names the record its body binds to").isNotNull();
            Path source = Path.of("..", "functions", route.module(), "src", "main", "java",
                    route.handlerClass().getName().replace('.', '/') + ".java");
            String handler = Files.readString(source);
            Class<?> type = route.requestType();
            String literal = type.getEnclosingClass() == null ? type.getSimpleName()
                    : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
            assertThat(handler).as(route.id() + ": " + source).contains("bodyAs(" + literal + ".class)");
        }
    }
}
