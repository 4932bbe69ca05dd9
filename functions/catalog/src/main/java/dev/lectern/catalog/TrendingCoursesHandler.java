package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /courses/trending}: published courses by recent activity, most trending first. */
public class TrendingCoursesHandler extends ApiHandler {

    @Inject
    TrendingService trending;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, trending.trending(request.queryParameters()));
    }
}
