package dev.lectern.core.http;

import java.util.List;
import java.util.Map;

/**
 * Thrown anywhere below a handler to answer with a problem; {@link ApiHandler} is the one place
 * that turns it into a response. Carries extra headers where the status needs one (Allow,
 * Retry-After, WWW-Authenticate).
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type.problem(detail), Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return withErrors(ProblemType.VALIDATION, detail, errors);
    }

    /** A problem that names what is wrong field by field (validation, or a state that blocks an action). */
    public static ProblemException withErrors(ProblemType type, String detail, List<FieldError> errors) {
        Problem p = type.problem(detail);
        return new ProblemException(new Problem(p.type(), p.title(), p.status(), detail, null, null, errors), Map.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException methodNotAllowed(String method, List<String> allowed) {
        return new ProblemException(ProblemType.METHOD_NOT_ALLOWED.problem(method + " is not supported here; use " + String.join(", ", allowed)),
                Map.of("Allow", String.join(", ", allowed)));
    }
}
