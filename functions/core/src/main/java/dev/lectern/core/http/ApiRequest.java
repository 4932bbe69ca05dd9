package dev.lectern.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lectern.core.auth.Caller;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
        return from(event, correlationId, maxBodyBytes, Optional.empty());
    }

    /**
     * The same, with the source address the viewer's where the request proves it came through the web
     * distribution ({@link ViewerAddresses}; {@code edgeSecret} is that distribution's secret, where trusted).
     */
    public static ApiRequest from(APIGatewayV2HTTPEvent event, String correlationId, int maxBodyBytes, Optional<String> edgeSecret) {
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
                ViewerAddresses.of(headers, http == null ? null : http.getSourceIp(), edgeSecret),
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
     * Binds the JSON body to a record, strictly ({@link RequestJson}). Answers 415 for another
     * content type, 400 malformed-json for unparsable text, and 400 validation-error naming the
     * field for a missing body, an unknown or repeated field, a value of the wrong type, a number
     * out of range or text with control characters. Details speak of the client's JSON, never of
     * our parser.
     */
    public <T> T bodyAs(Class<T> type) {
        String contentType = header("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json" + (mediaType.isEmpty() ? "" : ", not " + mediaType));
        }
        if (body.length == 0) {
            throw invalid("body", "is required");
        }
        try {
            T value = RequestJson.MAPPER.readValue(body, type);
            if (value == null) {
                throw invalid("body", "must be a JSON object");
            }
            return value;
        } catch (RequestJson.InvalidText e) {
            throw invalid(fieldOf(e), e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw invalid(path(e), "is not a known field");
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw invalid("body", "must be a JSON object");
            }
            boolean missing = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null`");
            throw invalid(field, missing ? "is required" : expectation(e.getTargetType()));
        } catch (JsonMappingException e) {
            String field = path(e).isEmpty() ? "body" : path(e);
            if (e.getCause() instanceof InputCoercionException) {
                throw invalid(field, "is out of range");
            }
            // a record constructor refused the value: its own message is ours to show, nothing else is
            throw invalid(field, e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && !(iae.getCause() instanceof JsonProcessingException) ? iae.getMessage() : "is not valid");
        } catch (InputCoercionException e) {
            throw invalid(currentName(e), "is out of range");
        } catch (StreamReadException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw invalid(currentName(e), "appears more than once");
            }
            var location = e.getLocation();
            throw new ProblemException(ProblemType.MALFORMED_JSON, location == null
                    ? "The body could not be parsed"
                    : "The body could not be parsed at line " + location.getLineNr() + ", column " + location.getColumnNr());
        } catch (java.io.IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body could not be read");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.validation(List.of(new FieldError(field, message)));
    }

    /** What the field should have been, in JSON's terms. */
    private static String expectation(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == Long.class || target == int.class || target == long.class
                || target == Short.class || target == short.class) {
            return "must be a whole number";
        }
        if (target == Double.class || target == double.class || target == Float.class || target == float.class) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class || target.isEnum()) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String currentName(JsonProcessingException e) {
        try {
            String name = e.getProcessor() instanceof JsonParser parser ? parser.currentName() : null;
            return name == null ? "body" : name;
        } catch (java.io.IOException | RuntimeException unreadable) {
            return "body";
        }
    }

    private static String fieldOf(JsonMappingException e) {
        String path = path(e);
        return path.isEmpty() ? currentName(e) : path;
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
