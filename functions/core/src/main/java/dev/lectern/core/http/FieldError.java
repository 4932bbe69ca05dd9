package dev.lectern.core.http;

/** One invalid field of a request: a JSON-pointer-like dotted path and a sentence. */
public record FieldError(String field, String message) {
}
