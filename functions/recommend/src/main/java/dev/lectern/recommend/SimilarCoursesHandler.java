package dev.lectern.recommend;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /courses/{courseId}/similar}: published courses like this one. */
public class SimilarCoursesHandler extends ApiHandler {

    @Inject
    RecommendService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        // the same for everyone and changed once a day: shared caches may keep it a few minutes
        return ApiResponses.json(200, service.similar(request.pathParameter("courseId"), request.queryParameters()),
                Map.of("Cache-Control", "public, max-age=300"));
    }
}
