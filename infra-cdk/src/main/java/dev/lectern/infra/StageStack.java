package dev.lectern.infra;

import dev.lectern.core.routes.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * {@code Lectern-<stage>-stage}: the API's {@code $default} stage (auto-deploy, throttling, access
 * logs), its URL, and the stage's CloudWatch dashboard ({@link OperationsDashboard}), which looks at
 * every other stack of the stage. It deploys after every context stack: the stage's RouteSettings name the
 * sign-in routes, and API Gateway rejects RouteSettings for a route that does not exist yet, so
 * the stage can only be written once the context stacks have created their routes.
 */
public final class StageStack extends Stack {

    static final String AUTH_PATHS = "/auth/";

    private final OperationsDashboard dashboard;

    /** One JSON line per request; no personal data beyond the source IP API Gateway needs for abuse analysis. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"time\":\"$context.requestTime\",\"method\":\"$context.httpMethod\",\"routeKey\":\"$context.routeKey\","
            + "\"path\":\"$context.path\",\"status\":\"$context.status\",\"latencyMs\":\"$context.responseLatency\","
            + "\"integrationLatencyMs\":\"$context.integrationLatency\",\"responseLength\":\"$context.responseLength\","
            + "\"error\":\"$context.integrationErrorMessage\"}";

    /**
     * @param routes        every API route of every context (for the sign-in routes' settings); the caller
     *                      makes this stack depend on the context stacks that create them
     * @param contextStacks the names of the context stacks, whose functions the dashboard graphs
     */
    public StageStack(Construct scope, String id, StackProps props, StageSettings settings, HttpApi api, List<Route> routes,
                      DataStack data, List<String> contextStacks) {
        super(scope, id, props);
        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        HttpStage stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.throttleRateLimit())
                        .burstLimit(settings.throttleBurstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
        // credential stuffing meets a lower limit on the sign-in routes than the API's default. API
        // Gateway rejects RouteSettings that name a route which does not exist yet: that is why the
        // stage lives in this stack, deployed after every context stack has created its routes.
        Map<String, Object> routeSettings = new LinkedHashMap<>();
        routes.stream().filter(r -> !r.isDefaultRoute() && r.path().startsWith(AUTH_PATHS)).forEach(r ->
                routeSettings.put(r.routeKey(), Map.of(
                        "ThrottlingRateLimit", settings.authThrottleRateLimit(),
                        "ThrottlingBurstLimit", settings.authThrottleBurstLimit())));
        if (!routeSettings.isEmpty()) {
            ((CfnStage) stage.getNode().getDefaultChild()).addPropertyOverride("RouteSettings", routeSettings);
        }
        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
        this.dashboard = new OperationsDashboard(this, "Operations", settings, api, data, contextStacks);
        ResourceBudget.enforce(this);
    }

    /** The stage's dashboard ({@link OperationsDashboard}). */
    OperationsDashboard dashboard() {
        return dashboard;
    }
}
