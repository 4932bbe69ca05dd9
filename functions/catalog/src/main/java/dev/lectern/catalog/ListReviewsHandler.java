package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /courses/{courseId}/reviews}: a course's reviews, newest first, paginated. */
public class ListReviewsHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.reviews(request.pathParameter("courseId"), request.queryParameters()));
    }
}
