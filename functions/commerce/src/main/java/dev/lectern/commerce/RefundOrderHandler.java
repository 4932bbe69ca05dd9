package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /orders/{orderId}/refund}: asks Stripe for a refund; the order follows Stripe's event. */
public class RefundOrderHandler extends ApiHandler {

    @Inject
    CommerceService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(202, service.refund(request.requireCaller(), request.pathParameter("orderId"),
                request.bodyAs(CommerceRequests.RefundRequest.class)));
    }
}
