package dev.lectern.core.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI reference naming the kind of problem
 * (documented in docs/api.md), {@code title} its fixed short description, {@code detail} this
 * occurrence; {@code errors} lists invalid fields for validation failures.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      String correlationId, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem withContext(String instance, String correlationId) {
        return new Problem(type, title, status, detail, instance, correlationId, errors);
    }
}
