package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /auth/register}: creates an account (learner). */
public class RegisterHandler extends ApiHandler {

    @Inject
    IdentityService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(201, service.register(request.bodyAs(IdentityRequests.Register.class)));
    }
}
