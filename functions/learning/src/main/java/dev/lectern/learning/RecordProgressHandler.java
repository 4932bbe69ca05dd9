package dev.lectern.learning;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code PUT /courses/{courseId}/lessons/{lessonId}/progress}: the caller's position in a lesson. */
public class RecordProgressHandler extends ApiHandler {

    @Inject
    ProgressService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.record(request.requireCaller(), request.pathParameter("courseId"),
                request.pathParameter("lessonId"), request.bodyAs(LearningRequests.ProgressUpdate.class), request.correlationId()));
    }
}
