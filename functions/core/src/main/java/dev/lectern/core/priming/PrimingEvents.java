package dev.lectern.core.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lectern.core.routes.Route;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The synthetic request a route is primed with: its own method and path, every id one that names
 * nothing ({@link TablePriming#NEVER_WRITTEN}), no credentials, and for writes an empty JSON
 * object — which every write route refuses before it touches storage — so priming reads at most
 * and never writes.
 */
public final class PrimingEvents {

    private PrimingEvents() {
    }

    public static APIGatewayV2HTTPEvent request(Route route) {
        String method = route.isDefaultRoute() ? "GET" : route.method();
        String path = route.isDefaultRoute() ? "/priming" : route.path().replaceAll("\\{[^}]+}", TablePriming.NEVER_WRITTEN);
        Map<String, String> pathParameters = new LinkedHashMap<>();
        route.pathParameters().forEach(name -> pathParameters.put(name, TablePriming.NEVER_WRITTEN));
        // a DELETE may take a body too (an account's erasure does)
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || route.requestSchema() != null;
        Instant now = Instant.now();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("lectern-priming")
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId("priming").withRouteKey(route.routeKey()).withStage("$default")
                .withTimeEpoch(now.toEpochMilli())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "user-agent", "lectern-priming"))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(hasBody ? "{}" : null)
                .withIsBase64Encoded(false)
                .build();
    }
}
