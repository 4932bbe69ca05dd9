package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code PUT /admin/users/{id}/roles}: an admin sets a user's roles. */
public class SetUserRolesHandler extends ApiHandler {

    @Inject
    IdentityService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.setRoles(request.pathParameter("id"), request.bodyAs(IdentityRequests.SetRoles.class)));
    }
}
