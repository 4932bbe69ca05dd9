package dev.lectern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.events.SampleEvents;
import dev.lectern.local.emulators.SharedEmulators;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real handler, built as Lambda builds it, invoked with the sample API Gateway event against DynamoDB Local. */
class HealthHandlerIntegrationTest {

    private static APIGatewayV2HTTPEvent sample;

    @BeforeAll
    static void startEmulators() {
        SharedEmulators.get();
        sample = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, HealthHandlerIntegrationTest.class.getClassLoader())
                .fromJson(SampleEvents.text("health-get.apigw-v2.json"));
    }

    @Test
    void answers200WithVersionWhenTheTableAnswers() throws Exception {
        try (HealthHandler handler = new HealthHandler()) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(sample, SimpleLambdaContext.of("req-1", "health", 512, 10));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                    .containsEntry("X-Correlation-Id", "sample-correlation-0001");
            JsonNode body = Json.mapper().readTree(response.getBody());
            assertThat(body.get("status").asText()).isEqualTo("ok");
            assertThat(body.get("table").asText()).isEqualTo("reachable");
            assertThat(body.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        }
    }

    @Test
    void answers503ProblemWhenTheTableDoesNotExist() {
        SharedEmulators.withEnvironment(Map.of(LecternConfig.TABLE_NAME, "no-such-table"), () -> {
            try (HealthHandler handler = new HealthHandler()) {
                APIGatewayV2HTTPResponse response = handler.handleRequest(sample, SimpleLambdaContext.of("req-2", "health", 512, 10));

                assertThat(response.getStatusCode()).isEqualTo(503);
                assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                        .containsEntry("Retry-After", "5");
                JsonNode body = Json.mapper().readTree(response.getBody());
                assertThat(body.get("type").asText()).isEqualTo("/problems/service-unavailable");
                assertThat(body.get("status").asInt()).isEqualTo(503);
                assertThat(body.get("correlationId").asText()).isEqualTo("sample-correlation-0001");
                assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("no-such-table");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
