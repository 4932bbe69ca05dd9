package dev.lectern.core.routes;

import dev.lectern.core.http.ProblemType;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP route: one API Gateway route, one Lambda function.
 *
 * @param method         GET, POST, PUT, PATCH, DELETE
 * @param path           API Gateway path template, e.g. {@code /courses/{courseId}}
 * @param summary        one line for the OpenAPI document
 * @param requestSchema  name of the request body schema in the OpenAPI components, or null for no body
 * @param successStatus  the documented success status
 * @param responseSchema name of the success response schema in the OpenAPI components, or null for none
 * @param maxBodyBytes   request bodies above this are refused with 413 before the handler runs
 * @param idempotent     a create that honours {@code Idempotency-Key} ({@code IdempotencyKeys})
 * @param audience       who may call it ({@link Audience}); null only for routes built outside a context's
 *                       catalog (tests): the OpenAPI generator and the authorization matrix refuse a catalog
 *                       route without one
 * @param problems       problem types the route answers besides those its shape implies (auth, body, ids,
 *                       table), e.g. 402 on enrol or 429 on sign-in: documented in the OpenAPI document
 * @param otherResponses statuses without a body the route answers besides its success, e.g. 304 to a
 *                       conditional GET, with their descriptions
 * @param queryParameters the query-string parameters its handler reads, for the OpenAPI document
 * @param requestType    the record its handler binds the body to ({@code requestSchema} in the OpenAPI document), which
 *                       SnapStart priming binds once before the snapshot; null for routes without a JSON body
 * @param throttlesByNetwork its handler counts requests per client network (sign-in attempts, anonymous events): in
 *                       AWS it is given the web distribution's secret, so that it may take the viewer's address
 *                       from CloudFront instead of CloudFront's own ({@code ViewerAddresses})
 */
public record Route(String id, String method, String path, String module, Class<?> handlerClass, Auth auth,
                    int memoryMb, int timeoutSeconds, List<Access> access, String summary,
                    String requestSchema, int successStatus, String responseSchema, int maxBodyBytes, boolean idempotent,
                    Audience audience, List<ProblemType> problems, Map<Integer, String> otherResponses,
                    List<QueryParameter> queryParameters, boolean throttlesByNetwork, Class<?> requestType)
        implements FunctionSpec {

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** API Gateway's catch-all route key: what no other route matches goes here. */
    public static final String DEFAULT_ROUTE = "$default";
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    public Route {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handlerClass, "handler");
        Objects.requireNonNull(auth, "auth");
        access = List.copyOf(access);
        problems = problems == null ? List.of() : List.copyOf(problems);
        otherResponses = otherResponses == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(otherResponses));
        queryParameters = queryParameters == null ? List.of() : List.copyOf(queryParameters);
        if (!path.startsWith("/") && !path.equals(DEFAULT_ROUTE)) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        // a request names each parameter once: a second declaration of a name could only contradict the first
        Set<String> names = new HashSet<>(PARAMETER.matcher(path).results().map(r -> r.group(1)).toList());
        for (QueryParameter parameter : queryParameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException(method + " " + path + " declares the parameter " + parameter.name() + " twice");
            }
        }
    }

    /** A route without an audience, extra problems or query parameters (tests and synthetic catalogs). */
    public Route(String id, String method, String path, String module, Class<?> handlerClass, Auth auth,
                 int memoryMb, int timeoutSeconds, List<Access> access, String summary,
                 String requestSchema, int successStatus, String responseSchema, int maxBodyBytes, boolean idempotent) {
        this(id, method, path, module, handlerClass, auth, memoryMb, timeoutSeconds, access, summary, requestSchema,
                successStatus, responseSchema, maxBodyBytes, idempotent, null, List.of(), Map.of(), List.of(), false, null);
    }

    /** {@code GET /health}: the API Gateway route key. */
    public String routeKey() {
        return isDefaultRoute() ? DEFAULT_ROUTE : method + " " + path;
    }

    /** A protected route that changes something: its caller's account status is checked first ({@code AccountStatus}). */
    public boolean writes() {
        return (auth == Auth.USER || auth == Auth.CREATOR || auth == Auth.ADMIN)
                && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE"));
    }

    /** Method and path template, what request matching needs. */
    public RouteKey key() {
        return new RouteKey(method, path);
    }

    public boolean isDefaultRoute() {
        return path.equals(DEFAULT_ROUTE);
    }

    /** Names of the path parameters, in order. */
    public List<String> pathParameters() {
        Matcher matcher = PARAMETER.matcher(path);
        return matcher.results().map(r -> r.group(1)).toList();
    }

    public static Builder get(String path) {
        return new Builder("GET", path);
    }

    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    public static Builder put(String path) {
        return new Builder("PUT", path);
    }

    public static Builder patch(String path) {
        return new Builder("PATCH", path);
    }

    public static Builder delete(String path) {
        return new Builder("DELETE", path);
    }

    /** The catch-all route: any method on any path no other route matches. */
    public static Builder defaultRoute() {
        return new Builder("ANY", DEFAULT_ROUTE);
    }

    /** Reads like the catalog entry it builds; defaults suit a small JSON API function. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String id;
        private String module;
        private Class<?> handler;
        private Auth auth;
        private int memoryMb = 1024;
        private int timeoutSeconds = 10;
        private List<Access> access = List.of();
        private String summary = "";
        private String requestSchema;
        private int successStatus = 200;
        private String responseSchema;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean idempotent;
        private Audience audience;
        private List<ProblemType> problems = List.of();
        private final Map<Integer, String> otherResponses = new LinkedHashMap<>();
        private List<QueryParameter> queryParameters = List.of();
        private boolean throttlesByNetwork;
        private Class<?> requestType;

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The context module whose jar carries the handler, and the handler class. */
        public Builder handler(String module, Class<?> handlerClass) {
            this.module = module;
            this.handler = handlerClass;
            return this;
        }

        public Builder auth(Auth auth) {
            this.auth = auth;
            return this;
        }

        public Builder memory(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder timeout(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public Builder access(Access... grants) {
            this.access = List.of(grants);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** A JSON body: the OpenAPI schema that describes it and the record the handler binds it to. */
        public Builder request(String schema, Class<?> type, int maxBodyBytes) {
            this.requestSchema = schema;
            this.requestType = type;
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** A body that is not JSON bound to a schema (a webhook's raw payload), up to {@code maxBodyBytes}. */
        public Builder maxBody(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder responds(int status, String schema) {
            this.successStatus = status;
            this.responseSchema = schema;
            return this;
        }

        /** A create a client may retry with the same {@code Idempotency-Key} and get the first result. */
        public Builder idempotent() {
            this.idempotent = true;
            return this;
        }

        /** Who may call it: the authorization matrix asserts what this implies for every kind of caller. */
        public Builder audience(Audience audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * Problem types the route answers besides those its shape implies (401/403 from its auth
         * rule, 400/413/415 for a body, 404 for path ids, 409/422 for idempotent creates, 503 for the
         * table): e.g. 402 on enrol, 412 on a conditional PATCH, 429 on sign-in. Documented in the
         * OpenAPI document; a response with a status it does not document fails the end-to-end tests.
         */
        public Builder problems(ProblemType... problems) {
            this.problems = List.of(problems);
            return this;
        }

        /** A status without a body the route also answers, e.g. {@code alsoResponds(304, "Not modified")}. */
        public Builder alsoResponds(int status, String description) {
            this.otherResponses.put(status, description);
            return this;
        }

        /**
         * The query-string parameters the handler reads, with what it enforces of each: the OpenAPI
         * document declares them, and the fuzz suite holds the handler to it.
         */
        public Builder query(QueryParameter... parameters) {
            this.queryParameters = List.of(parameters);
            return this;
        }

        /** Its handler counts requests per client network ({@code ViewerAddresses}). */
        public Builder throttlesByNetwork() {
            this.throttlesByNetwork = true;
            return this;
        }

        public Route build() {
            return new Route(id, method, path, module, handler, auth, memoryMb, timeoutSeconds, access, summary,
                    requestSchema, successStatus, responseSchema, maxBodyBytes, idempotent, audience, problems,
                    otherResponses, queryParameters, throttlesByNetwork, requestType);
        }
    }
}
