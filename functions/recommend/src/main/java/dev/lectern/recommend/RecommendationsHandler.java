package dev.lectern.recommend;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /me/recommendations}: the caller's recommended courses, each with its reason. */
public class RecommendationsHandler extends ApiHandler {

    @Inject
    RecommendService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, service.forLearner(request.requireCaller(), request.queryParameters(),
                request.header("Accept-Language").orElse(null)));
    }
}
