package dev.lectern.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EMF lines a function writes: namespace, dimensions, values, as CloudWatch reads them. */
class LecternMetricsTest {

    private static final Map<String, String> ENV = Map.of(
            FunctionEnvironment.METRICS_NAMESPACE, LecternMetrics.namespace("test"),
            FunctionEnvironment.SERVICE_NAME, "lectern-identity",
            FunctionEnvironment.FUNCTION_ID, "login");

    private static List<JsonNode> emitted(Runnable work) {
        return EmfCapture.linesOf(() -> FunctionEnvironment.callWith(ENV, () -> {
            work.run();
            return null;
        }));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode directive(JsonNode line) {
        return line.get("_aws").get("CloudWatchMetrics").get(0);
    }

    @Test
    void aRequestIsCountedByRouteAndStatusClassAndTheDomainsCountsFollowWithTheServiceAlone() {
        InvocationMetrics business = new InvocationMetrics();
        business.count(BusinessMetrics.LOGINS_FAILED);
        business.count(BusinessMetrics.LOGINS_FAILED);

        List<JsonNode> lines = emitted(() -> LecternMetrics.request("login", 401, 37, "01CORRELATION",
                SimpleLambdaContext.of("req-1", "login", 512, 10), business));

        assertThat(lines).hasSize(2);
        JsonNode request = lines.get(0);
        assertThat(directive(request).get("Namespace").asText()).isEqualTo("Lectern/test");
        assertThat(texts(directive(request).get("Dimensions").get(0))).containsExactly("Service", "Route", "StatusClass");
        assertThat(directive(request).get("Metrics").get(0).get("Name").asText()).isEqualTo(LecternMetrics.REQUESTS);
        assertThat(directive(request).get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
        assertThat(request.get("Requests").asDouble()).isEqualTo(1);
        assertThat(request.get("Service").asText()).isEqualTo("lectern-identity");
        assertThat(request.get("Route").asText()).isEqualTo("login");
        assertThat(request.get("StatusClass").asText()).isEqualTo("4xx");
        // properties for Logs Insights, not dimensions
        assertThat(request.get("correlation_id").asText()).isEqualTo("01CORRELATION");
        assertThat(request.get("function_request_id").asText()).isEqualTo("req-1");
        assertThat(request.get("latency_ms").asLong()).isEqualTo(37);

        JsonNode domain = lines.get(1);
        assertThat(texts(directive(domain).get("Dimensions").get(0))).containsExactly("Service");
        assertThat(directive(domain).get("Namespace").asText()).isEqualTo("Lectern/test");
        assertThat(domain.get(BusinessMetrics.LOGINS_FAILED).asDouble()).isEqualTo(2);
        assertThat(domain.has("Route")).isFalse();
        // drained: the next invocation starts from nothing
        assertThat(business.drain()).isEmpty();
    }

    @Test
    void withoutDomainCountsThereIsOneLine() {
        List<JsonNode> lines = emitted(() -> LecternMetrics.request("health", 200, 3, null, null, new InvocationMetrics()));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("StatusClass").asText()).isEqualTo("2xx");
            assertThat(line.has("correlation_id")).isFalse();
        });
    }

    @Test
    void batchesAndRunsAreCountedByFunctionZerosIncluded() {
        List<JsonNode> lines = emitted(() -> {
            LecternMetrics.batch("behaviour-archiver", 9, 1, null, null);
            LecternMetrics.run("compaction", false, null, null);
        });

        assertThat(lines).hasSize(2);
        assertThat(texts(directive(lines.get(0)).get("Dimensions").get(0))).containsExactly("Service", "Function");
        assertThat(lines.get(0).get("Function").asText()).isEqualTo("behaviour-archiver");
        assertThat(lines.get(0).get(LecternMetrics.MESSAGES_PROCESSED).asDouble()).isEqualTo(9);
        assertThat(lines.get(0).get(LecternMetrics.MESSAGES_FAILED).asDouble()).isEqualTo(1);
        assertThat(lines.get(1).get(LecternMetrics.SCHEDULED_RUNS).asDouble()).isEqualTo(1);
        assertThat(lines.get(1).get(LecternMetrics.SCHEDULED_RUNS_FAILED).asDouble()).isEqualTo(0);
    }

    @Test
    void outsideAFunctionEnvironmentWithANamespaceNothingIsWrittenAndTheCountsAreDropped() {
        InvocationMetrics business = new InvocationMetrics();
        business.count(BusinessMetrics.ENROLLMENTS);

        List<JsonNode> lines = EmfCapture.linesOf(() -> FunctionEnvironment.callWith(Map.of(), () -> {
            LecternMetrics.request("enroll", 200, 1, null, null, business);
            return null;
        }));

        assertThat(lines).isEmpty();
        assertThat(business.drain()).isEmpty();
    }

    @Test
    void statusClassesAreTheHundreds() {
        assertThat(LecternMetrics.statusClass(204)).isEqualTo("2xx");
        assertThat(LecternMetrics.statusClass(304)).isEqualTo("3xx");
        assertThat(LecternMetrics.statusClass(429)).isEqualTo("4xx");
        assertThat(LecternMetrics.statusClass(503)).isEqualTo("5xx");
    }

    @Test
    void theNamespaceIsPerStage() {
        assertThat(LecternMetrics.namespace("prod")).isEqualTo("Lectern/prod");
        assertThat(LecternMetrics.namespace("dev-alice")).isEqualTo("Lectern/dev-alice");
    }

    @Test
    void countsAddUpPerNameInTheOrderFirstCounted() {
        InvocationMetrics metrics = new InvocationMetrics();
        metrics.count("B", 2);
        metrics.count("A");
        metrics.count("B");

        assertThat(metrics.drain()).containsExactly(Map.entry("B", 3L), Map.entry("A", 1L));
    }
}
