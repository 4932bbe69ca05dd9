package dev.lectern.infra;

import dev.lectern.core.routes.CorsPolicy;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.constructs.Construct;

/**
 * {@code Lectern-<stage>-api}: the HTTP API alone, with its CORS rules. Its routes live in the
 * context stacks (so that this stack never depends on one, and a context deploys its routes with
 * its functions); its stage lives in the stage stack, which comes after every route.
 */
public final class ApiStack extends Stack {

    private final HttpApi api;

    public ApiStack(Construct scope, String id, StackProps props, StageSettings settings) {
        super(scope, id, props);
        this.api = HttpApi.Builder.create(this, "Api")
                .apiName("lectern-" + settings.stage())
                .createDefaultStage(false)
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(CorsPolicy.ALLOWED_ORIGINS)
                        .allowMethods(CorsPolicy.ALLOWED_METHODS.stream().map(CorsHttpMethod::valueOf).toList())
                        .allowHeaders(CorsPolicy.ALLOWED_HEADERS)
                        .exposeHeaders(CorsPolicy.EXPOSED_HEADERS)
                        .maxAge(Duration.seconds(CorsPolicy.MAX_AGE_SECONDS))
                        .build())
                .build();
        // stable exports whatever the context stacks reference today (see DataStack)
        exportValue(api.getApiId());
        exportValue(api.getApiEndpoint());
        ResourceBudget.enforce(this);
    }

    public HttpApi api() {
        return api;
    }
}
