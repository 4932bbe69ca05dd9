package dev.lectern.core.config;

import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.RouteKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A function's environment variables: computed once here for the CDK stack (what Lambda gives
 * the function) and for the local platform (what the function sees in a JVM shared with every
 * other function), so that the two cannot drift. A function gets the names of exactly the
 * resources its catalog entry grants, nothing else.
 *
 * <p>The local platform and tests host many functions in one JVM, where the process environment
 * is everybody's. They run each function's construction and invocations inside
 * {@link #callWith}: while bound, {@link #lookup} answers from that function's variables only,
 * so a handler that reaches for a resource it was not granted fails locally as it would on AWS.
 * The binding belongs to the calling thread and is not inherited: a thread a function starts
 * sees no function's variables (the local platform sets none process-wide), so code that
 * reads configuration off the invocation's thread fails loudly instead of borrowing another's.
 */
public final class FunctionEnvironment {

    public static final String FUNCTION_ID = "LECTERN_FUNCTION_ID";
    /** The {@code $default} function's view of every route key ({@link RouteKey#encode}). */
    public static final String ROUTE_KEYS = "LECTERN_ROUTE_KEYS";
    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    public static final String LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    /**
     * The web site's URL, for the functions of a context that links to it ({@code ContextFunctions.linksToSite}): in
     * AWS the web distribution's, set by the CDK stack; locally unset, and such a function falls back on the local
     * platform's address.
     */
    public static final String SITE_URL = "LECTERN_SITE_URL";
    /**
     * The secret the web distribution sends the API as {@code X-Lectern-Edge}, for the functions of routes that
     * throttle by client network ({@code Route.throttlesByNetwork}): with it they may trust CloudFront's
     * {@code CloudFront-Viewer-Address} ({@code ViewerAddresses}). In AWS set by the CDK stack; locally unset (no
     * CloudFront: the socket's address is the client's).
     */
    public static final String EDGE_SECRET = "LECTERN_EDGE_SECRET";
    /**
     * Beside {@link #EDGE_SECRET}: the secret's generation ({@code -c edgeSecretGeneration=N}, default 1). Nothing
     * reads it; a new number changes the function's configuration, so that CloudFormation resolves the secret anew.
     */
    public static final String EDGE_SECRET_GENERATION = "LECTERN_EDGE_SECRET_GENERATION";
    /** Where the function's metrics go ({@link LecternMetrics}): {@code Lectern/<stage>}. */
    public static final String METRICS_NAMESPACE = LecternMetrics.NAMESPACE_VARIABLE;

    private static final ThreadLocal<Map<String, String>> BOUND = new ThreadLocal<>();

    private FunctionEnvironment() {
    }

    /**
     * The variables a function is deployed with.
     *
     * @param resourceValue the physical name, URL or ARN of a resource (CDK: a token)
     */
    public static Map<String, String> of(FunctionSpec spec, String stage, Function<ResourceId, String> resourceValue) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LecternConfig.STAGE, stage);
        env.put(FUNCTION_ID, spec.id());
        env.put(SERVICE_NAME, "lectern-" + spec.module());
        env.put(LOG_LEVEL, "INFO");
        env.put(METRICS_NAMESPACE, LecternMetrics.namespace(stage));
        spec.effectiveAccess().stream().map(Access::resource).distinct()
                .forEach(resource -> env.put(LecternConfig.envName(resource), resourceValue.apply(resource)));
        if (spec instanceof Route route && route.isDefaultRoute()) {
            env.put(ROUTE_KEYS, RouteKey.encode(LecternCatalog.routes().stream().map(Route::key).toList()));
        }
        return env;
    }

    /** Runs {@code work} on this thread as the function whose environment is {@code variables}. */
    public static <T> T callWith(Map<String, String> variables, Supplier<T> work) {
        Map<String, String> previous = BOUND.get();
        BOUND.set(Map.copyOf(variables));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /**
     * One variable: from the bound function environment when there is one (and nowhere else),
     * otherwise from the process environment, then from the system properties (tools and tests
     * that run a single function in a JVM set those).
     */
    public static Optional<String> lookup(String name) {
        Map<String, String> bound = BOUND.get();
        String value;
        if (bound != null) {
            value = bound.get(name);
        } else {
            value = System.getenv(name);
            if (value == null) {
                value = System.getProperty(name);
            }
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
