package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /auth/login}: a token pair for email and password; the source IP feeds the sign-in throttle. */
public class LoginHandler extends ApiHandler {

    @Inject
    IdentityService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.login(request.bodyAs(IdentityRequests.Login.class), request.sourceIp()));
    }
}
