package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /courses/{courseId}/lessons/{lessonId}/upload}: a presigned upload of the lesson's media. */
public class UploadLessonMediaHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.upload(request.requireCaller(), request.pathParameter("courseId"),
                request.pathParameter("lessonId"), request.bodyAs(CatalogRequests.Upload.class)));
    }
}
