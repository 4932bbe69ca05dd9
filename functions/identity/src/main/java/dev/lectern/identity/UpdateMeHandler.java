package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code PATCH /me}: display name and bio. */
public class UpdateMeHandler extends ApiHandler {

    @Inject
    IdentityService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.updateProfile(request.requireCaller(), request.bodyAs(IdentityRequests.UpdateProfile.class)));
    }
}
