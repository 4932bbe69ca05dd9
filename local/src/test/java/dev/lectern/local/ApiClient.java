package dev.lectern.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small HTTP client for end-to-end tests against the local platform. Every response is checked
 * against the OpenAPI document ({@link OpenApiResponses}): an undocumented status, shape or content
 * type fails the test that received it. {@link #raw} sends anything and leaves the check to the caller.
 */
final class ApiClient {

    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http;
    private final String base;
    private final boolean checked;

    ApiClient(String base) {
        this(base, HttpClient.newHttpClient(), true);
    }

    private ApiClient(String base, HttpClient http, boolean checked) {
        this.base = base;
        this.http = http;
        this.checked = checked;
    }

    /**
     * The same client without the OpenAPI check: for suites that collect what the document finds
     * wrong per case ({@link #violations}) instead of stopping at the first response.
     */
    ApiClient unchecked() {
        return new ApiClient(base, http, false);
    }

    Response send(String method, String path, String token, String json) {
        return send(method, path, token, json, java.util.Map.of());
    }

    Response send(String method, String path, String token, String json, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", token.startsWith("Bearer ") || token.contains(" ") ? token : "Bearer " + token);
        }
        Response response = execute(request);
        if (!checked) {
            return response;
        }
        List<String> violations = OpenApiResponses.get().violations(method, path, response.status(),
                response.headers().firstValue("content-type"), response.body());
        if (checked && !violations.isEmpty()) {
            throw new AssertionError("the response is not what the OpenAPI document says:\n  " + String.join("\n  ", violations));
        }
        return response;
    }

    /** Sends exactly this (no Content-Type unless given, any bytes); the response is not checked. */
    Response raw(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return execute(request);
    }

    /** What the OpenAPI document finds wrong with a response to {@code method path}. */
    static List<String> violations(String method, String path, Response response) {
        return OpenApiResponses.get().violations(method, path, response.status(), response.headers().firstValue("content-type"),
                response.body());
    }

    private Response execute(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String PASSWORD = "correct horse battery";

    /** A new account named Cleo, signed in; with {@code creator} its access token already carries the creator role. */
    String signUp(boolean creator) {
        String email = "u-" + UUID.randomUUID() + "@example.com";
        post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Cleo\"}");
        JsonNode tokens = post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").json();
        if (!creator) {
            return tokens.get("accessToken").asText();
        }
        post("/me/roles/creator", tokens.get("accessToken").asText(), null);
        return post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}")
                .json().get("accessToken").asText();
    }

    Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    Response post(String path, String token, String json) {
        return send("POST", path, token, json);
    }
}
