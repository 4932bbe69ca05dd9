package dev.lectern.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.http.Json;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.events.Behaviour;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import dev.lectern.events.SampleEvents;
import dev.lectern.local.emulators.SharedEmulators;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real handlers, built as Lambda builds them, invoked with the sample API Gateway events of the learning routes. */
class LearningHandlersIntegrationTest {

    @BeforeAll
    static void startEmulators() {
        SharedEmulators.get();
    }

    private static APIGatewayV2HTTPEvent sample(String name) {
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LearningHandlersIntegrationTest.class.getClassLoader())
                .fromJson(SampleEvents.text(name));
    }

    @Test
    void everySampleNamesItsRoute() {
        Map<String, String> samples = Map.of("progress-put.apigw-v2.json", "record-progress",
                "course-progress-get.apigw-v2.json", "course-progress", "events-post.apigw-v2.json", "client-events");
        samples.forEach((name, routeId) -> {
            APIGatewayV2HTTPEvent event = sample(name);
            Route route = LecternCatalog.routes().stream().filter(r -> r.id().equals(routeId)).findFirst().orElseThrow();
            assertThat(event.getRouteKey()).as(name).isEqualTo(route.routeKey());
            assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo(route.method());
            assertThat(event.getRawPath()).matches(route.path().replaceAll("\\{[^}]+}", "[0-9A-HJKMNP-TV-Z]{26}"));
        });
    }

    @Test
    void theSampleBatchIsQueuedAsOneMessageOfEnvelopes() throws Exception {
        APIGatewayV2HTTPEvent event = sample("events-post.apigw-v2.json");
        ObjectNode body = (ObjectNode) Json.mapper().readTree(event.getBody());
        // the sample's times, moved to a minute ago: the route takes a week of history
        body.get("events").forEach(e -> ((ObjectNode) e).put("occurredAt", Instant.now().minusSeconds(60).toString()));
        event.setBody(Json.write(body));
        String queue = SharedEmulators.get().resources().queueUrls().get(ResourceId.BEHAVIOUR_QUEUE);

        try (ClientEventsHandler handler = new ClientEventsHandler()) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, SimpleLambdaContext.of("req-1", "client-events", 1024, 10));

            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
            assertThat(Json.mapper().readTree(response.getBody()).get("accepted").asInt()).isEqualTo(2);
        }
        List<EventEnvelope> received = new ArrayList<>();
        for (int i = 0; i < 10 && received.isEmpty(); i++) {
            SharedEmulators.get().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> EventJson.readEnvelopes(m.body()).stream()
                            .filter(e -> "sample-correlation-0032".equals(e.correlationId())).forEach(received::add));
        }
        assertThat(received).hasSize(2);
        assertThat(received).extracting(BehaviourType::read).containsExactly(
                new Behaviour.CourseViewed(null, "7f1c9e2a-4b1d-4a7e-9c55-2f0d8e6b3a10", "01JDQ5Y0000000000000000C01", "search"),
                new Behaviour.SearchPerformed(null, "7f1c9e2a-4b1d-4a7e-9c55-2f0d8e6b3a10", "machine learning", 12));
    }

    @Test
    void withoutADeviceIdAnAnonymousBatchIs400() throws Exception {
        APIGatewayV2HTTPEvent event = sample("events-post.apigw-v2.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("lectern-device-id");
        event.setHeaders(headers);

        try (ClientEventsHandler handler = new ClientEventsHandler()) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, SimpleLambdaContext.of("req-2", "client-events", 1024, 10));

            assertThat(response.getStatusCode()).isEqualTo(400);
            JsonNode problem = Json.mapper().readTree(response.getBody());
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("Lectern-Device-Id");
        }
    }

    @Test
    void theProgressSamplesReachTheirHandlersWhichRefuseTheirPlaceholderToken() throws Exception {
        try (RecordProgressHandler record = new RecordProgressHandler(); CourseProgressHandler course = new CourseProgressHandler()) {
            assertThat(record.handleRequest(sample("progress-put.apigw-v2.json"), SimpleLambdaContext.of("req-3", "record-progress", 512, 10))
                    .getStatusCode()).isEqualTo(401);
            assertThat(course.handleRequest(sample("course-progress-get.apigw-v2.json"), SimpleLambdaContext.of("req-4", "course-progress", 512, 10))
                    .getStatusCode()).isEqualTo(401);
        }
    }
}
