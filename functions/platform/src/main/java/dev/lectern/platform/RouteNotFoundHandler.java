package dev.lectern.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.RouteMatcher;

/** API Gateway's {@code $default} route: 405 with {@code Allow} for a known path, else 404. */
public class RouteNotFoundHandler extends ApiHandler {

    private static final RouteMatcher MATCHER = new RouteMatcher(LecternCatalog.ROUTES);

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        RouteMatcher.Result result = MATCHER.match(request.method(), request.path());
        if (result.pathExists()) {
            throw ProblemException.methodNotAllowed(request.method(), result.allowedMethods());
        }
        throw ProblemException.notFound("No route matches " + request.method() + " " + request.path());
    }
}
