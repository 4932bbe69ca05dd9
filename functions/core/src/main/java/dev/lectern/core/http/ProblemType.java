package dev.lectern.core.http;

/** The kinds of problem the API answers with; type URIs and titles never change once published. */
public enum ProblemType {
    VALIDATION(400, "validation-error", "The request is not valid"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not valid JSON"),
    UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
    PAYMENT_REQUIRED(402, "payment-required", "Payment is required"),
    FORBIDDEN(403, "forbidden", "You may not do this"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource changed since you read it"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    UNPROCESSABLE(422, "unprocessable", "The request cannot be carried out in the current state"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL(500, "internal-error", "Something went wrong on our side"),
    /** The local platform's runner: the function it invoked failed (its log says why). */
    FUNCTION_FAILED(502, "function-failed", "The function failed"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "A dependency is not available right now");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }

    public Problem problem(String detail) {
        return new Problem(uri(), title, status, detail, null, null, null);
    }
}
