package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /creators/me/earnings}: the caller's ledger summed per currency and month. */
public class EarningsHandler extends ApiHandler {

    @Inject
    CommerceService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.earnings(request.requireCaller(), request.queryParameters()));
    }
}
