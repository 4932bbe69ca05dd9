package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /orders/{orderId}}: one order with its receipt, for its buyer or an admin. */
public class GetOrderHandler extends ApiHandler {

    @Inject
    CommerceService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.order(request.requireCaller(), request.pathParameter("orderId")));
    }
}
