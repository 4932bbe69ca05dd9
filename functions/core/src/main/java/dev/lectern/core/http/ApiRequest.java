package dev.lectern.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lectern.core.auth.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lectern.core.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An API request as a handler sees it: lower-cased header names, decoded body, the ids that tie
 * its logs together. Built from the API Gateway HTTP API (payload v2) event.
 */
public record ApiRequest(String requestId, String correlationId, String method, String path, String routeKey,
                         Map<String, String> pathParameters, Map<String, String> queryParameters,
                         Map<String, String> headers, List<String> cookies, byte[] body, String sourceIp,
                         Caller verifiedCaller) {

    public static final String CORRELATION_HEADER = "x-correlation-id";
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:=-]{1,128}");

    /** The caller's correlation id when it sent a well-formed one, else a new one. */
    public static String correlationIdOf(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(lowerCaseKeys(event.getHeaders()).get(CORRELATION_HEADER))
                .filter(id -> SAFE_CORRELATION_ID.matcher(id).matches())
                .orElseGet(Ids::newId);
    }

    /** Maps the event; refuses a body above {@code maxBodyBytes} (decoded size) with 413. */
    public static ApiRequest from(APIGatewayV2HTTPEvent event, String correlationId, int maxBodyBytes) {
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        Map<String, String> headers = lowerCaseKeys(event.getHeaders());
        byte[] body = decodeBody(event, maxBodyBytes);
        return new ApiRequest(
                context == null || context.getRequestId() == null ? Ids.newId() : context.getRequestId(),
                correlationId,
                http == null ? "GET" : http.getMethod(),
                event.getRawPath(),
                event.getRouteKey(),
                event.getPathParameters() == null ? Map.of() : Map.copyOf(event.getPathParameters()),
                event.getQueryStringParameters() == null ? Map.of() : Map.copyOf(event.getQueryStringParameters()),
                headers,
                event.getCookies() == null ? List.of() : List.copyOf(event.getCookies()),
                body,
                http == null ? null : http.getSourceIp(),
                null);
    }

    /** The same request, as made by a verified caller. */
    public ApiRequest withCaller(Caller verified) {
        return new ApiRequest(requestId, correlationId, method, path, routeKey, pathParameters, queryParameters, headers,
                cookies, body, sourceIp, verified);
    }

    /** The caller when a token was sent (always on protected routes; optional on OPTIONAL_USER ones). */
    public Optional<Caller> caller() {
        return Optional.ofNullable(verifiedCaller);
    }

    /** The verified caller of a protected route (ApiHandler verified the token before the handler runs). */
    public Caller requireCaller() {
        if (verifiedCaller == null) {
            throw new IllegalStateException("route " + routeKey + " is public: it has no verified caller");
        }
        return verifiedCaller;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Binds the JSON body to a record. Answers 415 for another content type, 400 malformed-json
     * for unparsable text, and 400 validation-error naming the field for a missing body, an
     * unknown field or a value of the wrong type.
     */
    public <T> T bodyAs(Class<T> type) {
        String contentType = header("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json" + (mediaType.isEmpty() ? "" : ", not " + mediaType));
        }
        if (body.length == 0) {
            throw ProblemException.validation(List.of(new FieldError("body", "is required")));
        }
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                throw ProblemException.validation(List.of(new FieldError("body", "must be a JSON object")));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.validation(List.of(new FieldError(path(e), "is not a known field")));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ProblemException.validation(List.of(new FieldError("body", "must be a JSON object")));
            }
            boolean missing = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null`");
            throw ProblemException.validation(List.of(new FieldError(field, missing ? "is required" : "has the wrong type")));
        } catch (JsonMappingException e) {
            // a record constructor refused the value (e.g. IllegalArgumentException): report the field
            throw ProblemException.validation(List.of(new FieldError(path(e).isEmpty() ? "body" : path(e),
                    e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "is invalid")));
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new ProblemException(ProblemType.MALFORMED_JSON, location == null
                    ? "The body could not be parsed"
                    : "The body could not be parsed at line " + location.getLineNr() + ", column " + location.getColumnNr());
        } catch (java.io.IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body could not be read");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(lower);
    }

    private static byte[] decodeBody(APIGatewayV2HTTPEvent event, int maxBodyBytes) {
        String raw = event.getBody();
        if (raw == null) {
            return new byte[0];
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            // base64 is 4/3 of the decoded size: refuse before decoding what is obviously too big
            if ((long) raw.length() * 3 / 4 > maxBodyBytes + 3L) {
                throw tooLarge(maxBodyBytes);
            }
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is marked base64 but is not valid base64");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        return bytes;
    }

    private static ProblemException tooLarge(int maxBodyBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The body must be at most " + maxBodyBytes + " bytes");
    }
}
