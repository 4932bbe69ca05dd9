package dev.lectern.platform;

/** The answer of {@code GET /health}. */
public record Health(String status, String version, String table) {
}
