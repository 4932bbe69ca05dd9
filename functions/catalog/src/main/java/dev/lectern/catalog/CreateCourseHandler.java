package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code POST /courses}: a draft course of the caller. */
public class CreateCourseHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Course course = service.create(request.requireCaller(), request.bodyAs(CatalogRequests.CourseFields.class));
        return ApiResponses.json(201, course, Map.of("ETag", CatalogService.etag(course), "Location", "/courses/" + course.id()));
    }
}
