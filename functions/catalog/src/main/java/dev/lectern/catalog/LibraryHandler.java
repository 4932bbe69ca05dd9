package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /me/library}: the courses the caller may access, with the caller's progress in each. */
public class LibraryHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Inject
    LibraryProgress progress;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.library(request.requireCaller(), progress));
    }
}
