package dev.lectern.analytics;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /creators/me/analytics?from&to&courseId}: the caller's courses, day by day and in total. */
public class CreatorAnalyticsHandler extends ApiHandler {

    @Inject
    AnalyticsReports reports;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, reports.creator(request.requireCaller(), request.queryParameters()));
    }
}
