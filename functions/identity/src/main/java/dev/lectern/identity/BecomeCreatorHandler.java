package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /me/roles/creator}: the caller becomes a creator (and stays a learner). */
public class BecomeCreatorHandler extends ApiHandler {

    @Inject
    IdentityService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.becomeCreator(request.requireCaller()));
    }
}
