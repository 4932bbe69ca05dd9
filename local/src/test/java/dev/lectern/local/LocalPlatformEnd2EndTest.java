package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.http.Json;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.Behaviour;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The packaged platform's behaviour over HTTP, SQS and S3, as a client and an operator see it. */
class LocalPlatformEnd2EndTest extends LocalPlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(platform.apiUrl() + path));
    }

    /** Waits for something the platform does in the background; fails after the deadline. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void healthAnswers200ThroughTheGatewayAndEchoesTheCorrelationId() throws Exception {
        HttpResponse<String> response = send(request("/health").header("X-Correlation-Id", "e2e-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("x-correlation-id")).contains("e2e-1");
        assertThat(Json.mapper().readTree(response.body()).get("table").asText()).isEqualTo("reachable");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> notFound = send(request("/no/such/thing"));
        HttpResponse<String> wrongMethod = send(request("/health").DELETE());

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(Json.mapper().readTree(notFound.body()).get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(Json.mapper().readTree(wrongMethod.body()).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        HttpResponse<String> head = send(request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> missing = send(request("/courses/01JD0000000000000000000000").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-type")).contains("application/json");
        assertThat(head.body()).isEmpty();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    @Test
    void corsPreflightIsAnsweredAndResponsesCarryTheOrigin() throws Exception {
        HttpResponse<String> preflight = send(request("/health").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET"));
        HttpResponse<String> actual = send(request("/health").header("Origin", "https://app.example"));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValueSatisfying(h -> assertThat(h).contains("authorization"));
        assertThat(actual.headers().firstValue("access-control-allow-origin")).contains("*");
    }

    @Test
    void servesConcurrentClientsWithoutErrors() throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Callable<Integer>> calls = Collections.nCopies(200, () -> send(request("/health")).statusCode());
            List<Integer> statuses = clients.invokeAll(calls).stream().map(LocalPlatformEnd2EndTest::get).toList();

            assertThat(statuses).hasSize(200).containsOnly(200);
        }
    }

    @Test
    void infoNamesTheEmulatorEndpointsAndTheyServeTheTable() throws Exception {
        JsonNode info = Json.mapper().readTree(send(request("/_local/info")).body());
        URI dynamodb = URI.create(info.at("/dynamodb/endpoint").asText());

        try (DynamoDbClient client = LocalClients.dynamoDb(dynamodb)) {
            assertThat(client.listTables().tableNames()).contains(info.at("/dynamodb/table").asText());
        }
        assertThat(dynamodb.getHost()).isEqualTo("127.0.0.1");
        assertThat(info.at("/sqs/queues/behaviour/deadLetterUrl").asText()).endsWith("-dlq");
    }

    @Test
    void openApiDocumentAndDocsPageAreServed() throws Exception {
        JsonNode doc = Json.mapper().readTree(send(request("/openapi.json")).body());
        HttpResponse<String> docs = send(request("/docs"));
        HttpResponse<String> bundle = send(request("/docs/swagger-ui-bundle.js"));

        assertThat(doc.at("/paths/~1health/get/operationId").asText()).isEqualTo("health");
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo(platform.apiUrl());
        assertThat(docs.body()).contains("/openapi.json");
        assertThat(bundle.statusCode()).isEqualTo(200);
    }

    @Test
    void behaviourEventsAreArchivedAndAPoisonMessageEndsInTheDeadLetterQueue() throws Exception {
        var resources = platform.emulators().resources();
        var sqs = platform.emulators().sqs();
        String queue = resources.queueUrls().get(ResourceId.BEHAVIOUR_QUEUE);
        String dlq = resources.deadLetterQueueUrls().get(ResourceId.BEHAVIOUR_QUEUE);
        String bucket = resources.bucketNames().get(ResourceId.ANALYTICS_BUCKET);
        Behaviour viewed = new Behaviour.CourseViewed("u-e2e", null, "c-e2e", "direct");
        new EventPublisher(sqs).publish(queue, viewed.envelope("e2e-event-1", Instant.parse("2026-01-02T03:04:05Z"), "e2e-corr"));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("not an event"));

        await("the event in the log", () -> !platform.emulators().s3()
                .listObjectsV2(b -> b.bucket(bucket).prefix("events/date=2026-01-02/")).contents().isEmpty());
        await("the poison message in the DLQ", () -> sqs.getQueueAttributes(b -> b.queueUrl(dlq)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages").equals("1"));

        var dead = sqs.receiveMessage(b -> b.queueUrl(dlq).attributeNamesWithStrings("ApproximateReceiveCount")).messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("not an event"));
    }

    @Test
    void aScheduleRunsOnDemandAndAnUnknownOneIs404() throws Exception {
        HttpResponse<String> run = send(request("/_local/schedules/event-log-compaction/run")
                .POST(HttpRequest.BodyPublishers.ofString("{\"detail\":{\"date\":\"2025-12-31\"}}")));
        HttpResponse<String> unknown = send(request("/_local/schedules/nope/run").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(run.body()).at("/result/date").asText()).isEqualTo("2025-12-31");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void theSparkEnginesStarterIsNeitherScheduledNorRunHereAndSaysWhy() throws Exception {
        HttpResponse<String> run = send(request("/_local/schedules/similarity-emr/run").POST(HttpRequest.BodyPublishers.noBody()));
        JsonNode info = Json.mapper().readTree(send(request("/_local/info")).body());

        assertThat(run.statusCode()).isEqualTo(409);
        assertThat(run.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.mapper().readTree(run.body());
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("detail").asText()).contains("recommendEngine=emr", "EMR Serverless",
                "/_local/schedules/similarity/run");
        List<String> schedules = new ArrayList<>();
        info.path("schedules").forEach(s -> schedules.add(s.path("name").asText()));
        assertThat(schedules).contains("similarity").doesNotContain("similarity-emr");
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
