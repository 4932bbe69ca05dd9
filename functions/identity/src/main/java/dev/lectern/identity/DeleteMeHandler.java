package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code DELETE /me}: erases the caller's account after checking the password. */
public class DeleteMeHandler extends ApiHandler {

    @Inject
    IdentityService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        service.erase(request.requireCaller(), request.bodyAs(IdentityRequests.DeleteAccount.class));
        return ApiResponses.noContent();
    }
}
