package dev.lectern.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.Json;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.OpenApiDocument;
import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.local.stripe.StripeStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local platform's own endpoints: {@code GET /_local/info}, {@code POST
 * /_local/schedules/{name}/run}, the Stripe stand-in's controls under {@code /_local/stripe/},
 * {@code GET /openapi.json} and {@code GET /docs} (Swagger UI, served from its webjar so it works
 * offline).
 */
final class LocalEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEndpoints.class);
    private static final Pattern RUN_SCHEDULE = Pattern.compile("/_local/schedules/([a-z0-9-]+)/run");
    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";

    private final Supplier<Map<String, Object>> info;
    private final LocalScheduler scheduler;
    private final String version;
    private final Supplier<String> baseUrl;
    private final StripeStandIn stripe;

    LocalEndpoints(Supplier<Map<String, Object>> info, LocalScheduler scheduler, String version, Supplier<String> baseUrl,
                   StripeStandIn stripe) {
        this.info = info;
        this.scheduler = scheduler;
        this.version = version;
        this.baseUrl = baseUrl;
        this.stripe = stripe;
    }

    boolean handles(String path) {
        return path.startsWith("/_local/") || path.equals("/openapi.json") || path.equals("/docs") || path.startsWith("/docs/");
    }

    GatewayEvents.HttpResponse serve(String method, String path, byte[] body) {
        if (path.startsWith("/_local/stripe/")) {
            StripeStandIn.ControlResponse control = stripe.control(method, path, body);
            return new GatewayEvents.HttpResponse(control.status(), Map.of("Content-Type", List.of(control.contentType())), control.body());
        }
        try {
            Matcher run = RUN_SCHEDULE.matcher(path);
            if (run.matches()) {
                requireMethod("POST", method);
                return json(200, Map.of("schedule", run.group(1), "result", scheduler.runNow(run.group(1), detailOf(body))));
            }
            if (path.equals("/_local/info")) {
                requireMethod("GET", method);
                return json(200, info.get());
            }
            if (path.equals("/openapi.json")) {
                requireMethod("GET", method);
                return json(200, OpenApiDocument.generate(version, baseUrl.get()));
            }
            if (path.equals("/docs") || path.equals("/docs/")) {
                requireMethod("GET", method);
                return new GatewayEvents.HttpResponse(200, Map.of("Content-Type", List.of("text/html; charset=utf-8")),
                        DOCS_PAGE.getBytes(StandardCharsets.UTF_8));
            }
            if (path.startsWith("/docs/") && method.equals("GET")) {
                return asset(path.substring("/docs/".length()));
            }
            throw ProblemException.notFound("No local endpoint " + path + "; see /_local/info");
        } catch (ProblemException e) {
            return ApiGateway.problem(e.problem().withContext(path, null));
        } catch (ScheduledHandler.InvalidInput e) {
            return ApiGateway.problem(ProblemException.validation(List.of(new FieldError("detail", e.getMessage())))
                    .problem().withContext(path, null));
        } catch (RuntimeException e) {
            LOG.error("local endpoint {} {} failed", method, path, e);
            return ApiGateway.problem(ProblemType.FUNCTION_FAILED.problem("See the platform's log").withContext(path, null));
        }
    }

    private static void requireMethod(String expected, String method) {
        if (!expected.equals(method)) {
            throw ProblemException.methodNotAllowed(method, List.of(expected));
        }
    }

    /** The optional body of a schedule run: {@code {"detail": {"date": "2026-11-24"}}}. */
    private static Map<String, String> detailOf(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            JsonNode detail = Json.mapper().readTree(body).path("detail");
            Map<String, String> values = new HashMap<>();
            detail.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            return values;
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "Send {\"detail\": {...}} or no body");
        }
    }

    private static GatewayEvents.HttpResponse json(int status, Object body) {
        return new GatewayEvents.HttpResponse(status, Map.of("Content-Type", List.of("application/json")),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayEvents.HttpResponse asset(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw ProblemException.notFound("No such asset");
        }
        try (InputStream in = LocalEndpoints.class.getClassLoader().getResourceAsStream(SWAGGER_UI + name)) {
            if (in == null) {
                throw ProblemException.notFound("No such asset");
            }
            String type = name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript"
                    : name.endsWith(".png") ? "image/png" : "application/octet-stream";
            return new GatewayEvents.HttpResponse(200, Map.of("Content-Type", List.of(type)), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = LocalEndpoints.class.getResourceAsStream("/lectern/local.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("lectern/local.properties is missing from the jar", e);
        }
        return properties.getProperty("swagger-ui.version");
    }

    private static final String DOCS_PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Lectern API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
              </script>
            </body>
            </html>
            """;
}
