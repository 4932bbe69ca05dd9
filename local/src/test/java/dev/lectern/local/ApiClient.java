package dev.lectern.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** A small HTTP client for end-to-end tests against the local platform. */
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

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiClient(String base) {
        this.base = base;
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
