package dev.lectern.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lectern.core.http.Json;
import dev.lectern.core.http.Problem;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.CorsPolicy;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.RouteMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway (HTTP API) on loopback: matches the request against the route catalog, builds the
 * payload v2 event and invokes the route's function; what matches no route goes to the catalog's
 * {@code $default} function, as in AWS. CORS preflights are answered here from {@link CorsPolicy},
 * as API Gateway answers them. Paths under {@code /_local/}, {@code /openapi.json} and
 * {@code /docs} are the local platform's own; what no API route matches may be the web app's
 * ({@link WebSite}), as CloudFront sends it to the site's bucket in AWS.
 */
final class ApiGateway implements AutoCloseable {

    /** API Gateway's payload limit. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final RouteMatcher<Route> matcher = RouteMatcher.of(LecternCatalog.routes());
    private final FunctionPool functions;
    private final LocalEndpoints local;
    private final WebSite site = new WebSite(ApiGateway.class.getClassLoader());
    private final Clock clock;

    ApiGateway(int port, FunctionPool functions, LocalEndpoints local, Clock clock) throws IOException {
        this.functions = functions;
        this.local = local;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        // closed only after the catch has answered: try-with-resources would close it first and the client would get no reply
        try {
            String path = exchange.getRequestURI().getPath();
            GatewayEvents.HttpResponse response;
            if (local.handles(path)) {
                response = local.serve(exchange.getRequestMethod(), path, readBody(exchange));
            } else if (isPreflight(exchange)) {
                response = preflight();
            } else {
                response = dispatch(exchange, path);
            }
            write(exchange, withCors(exchange, response));
        } catch (RuntimeException e) {
            LOG.error("local gateway failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            write(exchange, problem(ProblemType.INTERNAL.problem("The local gateway failed; see its log")));
        } finally {
            exchange.close();
        }
    }

    private GatewayEvents.HttpResponse dispatch(HttpExchange exchange, String path) throws IOException {
        byte[] body = readBody(exchange);
        if (body.length > MAX_PAYLOAD_BYTES) {
            return problem(ProblemType.PAYLOAD_TOO_LARGE.problem("API Gateway accepts at most 10 MB"));
        }
        // segments are split on the raw path, as API Gateway does: an encoded slash stays inside its segment
        RouteMatcher.Result<Route> result = matcher.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        if (!result.pathExists()) {
            var page = site.answer(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Accept"));
            if (page.isPresent()) {
                return page.get();
            }
        }
        Route route = result.match().map(RouteMatcher.Match::route).orElse(LecternCatalog.fallback());
        Map<String, String> pathParameters = new LinkedHashMap<>();
        result.match().ifPresent(m -> m.pathParameters().forEach((name, raw) -> pathParameters.put(name, decodePathSegment(raw))));
        var request = new GatewayEvents.HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getRequestHeaders().getFirst("Host"));
        APIGatewayV2HTTPEvent event = GatewayEvents.toEvent(request, route, pathParameters, newRequestId(), clock.instant());
        long started = System.nanoTime();
        var response = (APIGatewayV2HTTPResponse) functions.invoke(route, event);
        LOG.debug("{} {} -> {} via {} in {} ms", request.method(), path, response.getStatusCode(), route.id(),
                (System.nanoTime() - started) / 1_000_000);
        return GatewayEvents.toHttp(response);
    }

    /** Percent-decoding of one path segment ({@code +} is a plus sign in a path, not a space). */
    private static String decodePathSegment(String raw) {
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static boolean isPreflight(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("OPTIONS")
                && exchange.getRequestHeaders().containsKey("Origin")
                && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method");
    }

    private static GatewayEvents.HttpResponse preflight() {
        return new GatewayEvents.HttpResponse(204, Map.of(
                "Access-Control-Allow-Methods", List.of(String.join(",", CorsPolicy.ALLOWED_METHODS)),
                "Access-Control-Allow-Headers", List.of(String.join(",", CorsPolicy.ALLOWED_HEADERS)),
                "Access-Control-Max-Age", List.of(String.valueOf(CorsPolicy.MAX_AGE_SECONDS))), new byte[0]);
    }

    private static GatewayEvents.HttpResponse withCors(HttpExchange exchange, GatewayEvents.HttpResponse response) {
        if (!exchange.getRequestHeaders().containsKey("Origin")) {
            return response;
        }
        var headers = new LinkedHashMap<>(response.headers());
        headers.put("Access-Control-Allow-Origin", List.of(String.join(",", CorsPolicy.ALLOWED_ORIGINS)));
        headers.put("Access-Control-Expose-Headers", List.of(String.join(",", CorsPolicy.EXPOSED_HEADERS)));
        return new GatewayEvents.HttpResponse(response.status(), headers, response.body());
    }

    static GatewayEvents.HttpResponse problem(Problem problem) {
        return new GatewayEvents.HttpResponse(problem.status(), Map.of("Content-Type", List.of("application/problem+json")),
                Json.write(problem).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        }
    }

    private static void write(HttpExchange exchange, GatewayEvents.HttpResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean empty = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            exchange.getResponseBody().write(response.body());
        }
    }

    /** API Gateway's request ids are short base64 strings. */
    private static String newRequestId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
