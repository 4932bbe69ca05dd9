package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /courses/{courseId}/coupons}: a discount code with a cap on redemptions. */
public class CreateCouponHandler extends ApiHandler {

    @Inject
    CommerceService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(201, service.createCoupon(request.requireCaller(), request.pathParameter("courseId"),
                request.bodyAs(CommerceRequests.CouponFields.class)));
    }
}
