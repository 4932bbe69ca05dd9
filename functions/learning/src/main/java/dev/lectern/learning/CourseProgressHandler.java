package dev.lectern.learning;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /me/courses/{courseId}/progress}: the caller's progress in a course. */
public class CourseProgressHandler extends ApiHandler {

    @Inject
    ProgressService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.course(request.requireCaller(), request.pathParameter("courseId")));
    }
}
