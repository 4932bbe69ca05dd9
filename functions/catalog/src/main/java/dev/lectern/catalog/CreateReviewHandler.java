package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /courses/{courseId}/reviews}: the caller's review of a course they are enrolled in. */
public class CreateReviewHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(201, service.addReview(request.requireCaller(), request.pathParameter("courseId"),
                request.bodyAs(CatalogRequests.ReviewFields.class)));
    }
}
