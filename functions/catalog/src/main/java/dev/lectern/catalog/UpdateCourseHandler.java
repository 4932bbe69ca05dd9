package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code PATCH /courses/{courseId}}: changes a course; If-Match makes it conditional (412 when stale). */
public class UpdateCourseHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Course course = service.update(request.requireCaller(), request.pathParameter("courseId"),
                request.bodyAs(CatalogRequests.CourseFields.class), request.header("if-match"));
        return ApiResponses.json(200, course, Map.of("ETag", CatalogService.etag(course)));
    }
}
