package dev.lectern.recommend;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /courses/{courseId}/similar}: published courses like this one. */
public class SimilarCoursesHandler extends ApiHandler {

    /** The same for everyone and rebuilt once a day: a copy five minutes old is as good as a new one. */
    static final int MAX_AGE_SECONDS = 300;

    @Inject
    RecommendService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.similar(request.pathParameter("courseId"), request.queryParameters()),
                Map.of("Cache-Control", CacheControl.publicRead(request, MAX_AGE_SECONDS)));
    }
}
