package dev.lectern.analytics;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /admin/analytics?from&to}: daily, weekly and monthly active learners and the retention table. */
public class PlatformAnalyticsHandler extends ApiHandler {

    @Inject
    AnalyticsReports reports;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, reports.platform(request.queryParameters()));
    }
}
