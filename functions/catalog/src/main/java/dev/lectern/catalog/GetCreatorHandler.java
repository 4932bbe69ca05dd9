package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /creators/{creatorId}}: a creator's public profile and published courses. */
public class GetCreatorHandler extends ApiHandler {

    /** A profile or course change shows within a minute. */
    static final int MAX_AGE_SECONDS = 60;

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.creator(request.pathParameter("creatorId")),
                Map.of("Cache-Control", CacheControl.publicRead(request, MAX_AGE_SECONDS)));
    }
}
