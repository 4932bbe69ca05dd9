package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code DELETE /courses/{courseId}/lessons/{lessonId}}: removes a lesson and its media. */
public class DeleteLessonHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        service.deleteLesson(request.requireCaller(), request.pathParameter("courseId"), request.pathParameter("lessonId"));
        return ApiResponses.noContent();
    }
}
