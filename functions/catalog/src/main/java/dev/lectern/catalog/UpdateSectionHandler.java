package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code PATCH /courses/{courseId}/sections/{sectionId}}: renames or moves a section. */
public class UpdateSectionHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.updateSection(request.requireCaller(), request.pathParameter("courseId"),
                request.pathParameter("sectionId"), request.bodyAs(CatalogRequests.SectionChange.class)));
    }
}
