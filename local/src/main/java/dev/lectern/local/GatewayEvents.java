package dev.lectern.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.routes.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds API Gateway HTTP API payload v2 events from HTTP requests and reads the responses back,
 * following API Gateway's rules: lower-cased headers with repeated values joined by commas, the
 * {@code Cookie} header moved to {@code cookies}, repeated query parameters joined by commas,
 * text bodies as they are and anything else base64-encoded.
 */
final class GatewayEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What the gateway knows about one HTTP request. */
    record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                       byte[] body, String sourceIp, String host) {
    }

    /** A response as the client gets it: several Set-Cookie headers are several values. */
    record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private GatewayEvents() {
    }

    static APIGatewayV2HTTPEvent toEvent(HttpRequest request, Route route, Map<String, String> pathParameters,
                                         String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";")).stream().map(String::trim).filter(c -> !c.isEmpty()).forEach(cookies::add));
            } else {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        boolean hasBody = request.body().length > 0;
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(request.method())
                .withPath(request.rawPath())
                .withProtocol("HTTP/1.1")
                .withSourceIp(request.sourceIp())
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(request.host())
                .withDomainPrefix("local")
                .withHttp(http)
                .withRequestId(requestId)
                .withRouteKey(route.routeKey())
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(!hasBody ? null : text ? new String(request.body(), StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(request.body()))
                .withIsBase64Encoded(hasBody && !text)
                .build();
    }

    static HttpResponse toHttp(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> headers.put(k, List.of(v)));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.put("Set-Cookie", List.copyOf(response.getCookies()));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(response.getStatusCode(), headers, bytes);
    }

    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** API Gateway passes text as is; the rest it base64-encodes. */
    static boolean isText(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
