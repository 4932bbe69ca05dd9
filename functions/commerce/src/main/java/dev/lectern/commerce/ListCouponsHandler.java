package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /courses/{courseId}/coupons}: the course's coupons with their redemptions, for its creator and admins. */
public class ListCouponsHandler extends ApiHandler {

    @Inject
    CommerceService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.coupons(request.requireCaller(), request.pathParameter("courseId"), request.queryParameters()));
    }
}
