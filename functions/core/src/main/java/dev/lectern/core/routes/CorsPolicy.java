package dev.lectern.core.routes;

import java.util.List;

/**
 * The API's CORS rules, once: the CDK stack configures the HTTP API with them and the local
 * gateway answers preflights and decorates responses the same way. Clients authenticate with a
 * bearer token, not cookies, so any origin may call and credentials are not allowed.
 */
public final class CorsPolicy {

    public static final List<String> ALLOWED_ORIGINS = List.of("*");
    public static final List<String> ALLOWED_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    public static final List<String> ALLOWED_HEADERS = List.of(
            "authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "lectern-device-id", "x-correlation-id");
    public static final List<String> EXPOSED_HEADERS = List.of("etag", "location", "retry-after", "x-correlation-id");
    public static final int MAX_AGE_SECONDS = 600;

    private CorsPolicy() {
    }
}
