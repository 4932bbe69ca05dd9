package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /courses/trending}: published courses by recent activity, most trending first. */
public class TrendingCoursesHandler extends ApiHandler {

    /** Activity is counted in hourly buckets over 24 hours: a minute-old ranking is as good as a new one. */
    static final int MAX_AGE_SECONDS = 60;

    @Inject
    TrendingService trending;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, trending.trending(request.queryParameters()),
                Map.of("Cache-Control", CacheControl.publicRead(request, MAX_AGE_SECONDS)));
    }
}
