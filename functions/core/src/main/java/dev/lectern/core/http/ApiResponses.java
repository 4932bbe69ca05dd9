package dev.lectern.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;

/** Builds API Gateway responses: JSON bodies, problem+json, and the headers every response carries. */
public final class ApiResponses {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, JSON, Json.write(body), Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        return response(status, JSON, Json.write(body), headers);
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(new HashMap<>()).build();
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem, Map<String, String> headers) {
        return response(problem.status(), PROBLEM_JSON, Json.write(problem), headers);
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Content-Type", contentType);
        headers.putIfAbsent("Cache-Control", CacheControl.NO_STORE);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(CacheControl.withVary(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
