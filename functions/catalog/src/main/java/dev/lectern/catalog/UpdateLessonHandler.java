package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code PATCH /courses/{courseId}/lessons/{lessonId}}: changes, moves or reorders a lesson. */
public class UpdateLessonHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.updateLesson(request.requireCaller(), request.pathParameter("courseId"),
                request.pathParameter("lessonId"), request.bodyAs(CatalogRequests.LessonChange.class)));
    }
}
