package dev.lectern.platform;

import static dev.lectern.core.routes.Access.read;

import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The platform context's functions: health and the {@code $default} route.
 */
public final class PlatformFunctions implements ContextFunctions {

    static final String MODULE = "platform";
    /** The health probe reads one key that no entity uses. */
    static final TableKeys KEYS = TableKeys.of("HEALTH");

    private static final List<Route> ROUTES = List.of(
            Route.get("/health").id("health")
                    .handler(MODULE, HealthHandler.class)
                    .audience(Audience.ANYONE)
                    .auth(Auth.PUBLIC)
                    .memory(512)
                    .access(read(KEYS))
                    .summary("Liveness: the function runs and the table answers")
                    .responds(200, "Health")
                    .build(),
            // what no route matches: 404, or 405 with Allow when the path exists under another method,
            // both as problem+json (API Gateway's own answer is not); it learns every route key from its
            // environment (FunctionEnvironment.ROUTE_KEYS), since its jar carries only this context
            Route.defaultRoute().id("route-not-found")
                    .handler(MODULE, RouteNotFoundHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.NOT_FOUND, ProblemType.METHOD_NOT_ALLOWED)
                    .auth(Auth.PUBLIC)
                    .memory(512)
                    .maxBody(10 * 1024 * 1024)
                    .summary("Unknown routes: 404 or 405 problem+json")
                    .build());

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }
}
