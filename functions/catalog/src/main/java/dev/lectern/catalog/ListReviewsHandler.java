package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /courses/{courseId}/reviews}: a course's reviews, newest first, paginated. */
public class ListReviewsHandler extends ApiHandler {

    /** A new review shows, and an erased account's reviews go, within a minute. */
    static final int MAX_AGE_SECONDS = 60;

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.reviews(request.pathParameter("courseId"), request.queryParameters()),
                Map.of("Cache-Control", CacheControl.publicRead(request, MAX_AGE_SECONDS)));
    }
}
