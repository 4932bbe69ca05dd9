package dev.lectern.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.routes.RouteKey;
import dev.lectern.core.routes.RouteMatcher;

/**
 * API Gateway's {@code $default} route: 405 with {@code Allow} for a known path, else 404. Every
 * context's route keys come in its environment ({@link FunctionEnvironment#ROUTE_KEYS}): this
 * function's jar carries only the platform context.
 */
public class RouteNotFoundHandler extends ApiHandler {

    private final RouteMatcher<RouteKey> matcher = RouteMatcher.ofKeys(LecternConfig.setting(FunctionEnvironment.ROUTE_KEYS)
            .map(RouteKey::decode)
            .orElseThrow(() -> new IllegalStateException(FunctionEnvironment.ROUTE_KEYS + " is not set")));

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        RouteMatcher.Result<RouteKey> result = matcher.match(request.method(), request.path());
        // a path no route of this method serves, but others do; (a match of this method never reaches
        // the $default route in API Gateway, and is a plain 404 here too)
        if (result.match().isEmpty() && !result.allowedMethods().isEmpty()) {
            throw ProblemException.methodNotAllowed(request.method(), result.allowedMethods());
        }
        throw ProblemException.notFound("No route matches " + request.method() + " " + request.path());
    }
}
