package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.metrics.LecternMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics lines locally: a request through the local platform leaves the EMF line that
 * CloudWatch would turn into metrics in AWS, on stdout among the JSON log lines, with the
 * namespace and service the function's environment gives it (the same as in AWS).
 */
class MetricsEnd2EndTest extends LocalPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrintStream original;
    private ByteArrayOutputStream captured;

    /** Stdout still goes where it went (surefire's report), and into a buffer this test reads. */
    @BeforeEach
    void teeStdout() {
        original = System.out;
        captured = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(original);
    }

    /** The EMF lines printed so far, parsed. */
    private List<JsonNode> emfLines() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        List<JsonNode> lines = new ArrayList<>();
        text.lines().filter(line -> line.startsWith("{") && line.contains("\"_aws\"")).forEach(line -> {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return lines;
    }

    private JsonNode onlyLine(Predicate<JsonNode> which) {
        List<JsonNode> matching = emfLines().stream().filter(which).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static Predicate<JsonNode> route(String routeId) {
        return line -> routeId.equals(line.path(LecternMetrics.ROUTE).asText(null));
    }

    private static Predicate<JsonNode> has(String metric) {
        return line -> line.has(metric);
    }

    private static JsonNode directive(JsonNode line) {
        return line.at("/_aws/CloudWatchMetrics/0");
    }

    @Test
    void aRequestLeavesOneEmfLineWithTheNamespaceTheRouteAndItsStatusClass() {
        assertThat(api.get("/health", null).status()).isEqualTo(200);

        JsonNode line = onlyLine(route("health"));
        assertThat(directive(line).get("Namespace").asText()).isEqualTo("Lectern/" + LocalPlatform.STAGE);
        assertThat(directive(line).at("/Metrics/0/Name").asText()).isEqualTo(LecternMetrics.REQUESTS);
        assertThat(directive(line).at("/Metrics/0/Unit").asText()).isEqualTo("Count");
        List<String> dimensions = new ArrayList<>();
        directive(line).at("/Dimensions/0").forEach(d -> dimensions.add(d.asText()));
        assertThat(dimensions).containsExactly(LecternMetrics.SERVICE, LecternMetrics.ROUTE, LecternMetrics.STATUS_CLASS);
        assertThat(line.get(LecternMetrics.REQUESTS).asDouble()).isEqualTo(1.0);
        assertThat(line.get(LecternMetrics.SERVICE).asText()).isEqualTo("lectern-platform");
        assertThat(line.get(LecternMetrics.STATUS_CLASS).asText()).isEqualTo("2xx");
        assertThat(line.get("correlation_id").asText()).isNotBlank();
    }

    @Test
    void aRegistrationAndAFailedSignInAreCountedBesideTheirRequests() {
        String email = "metrics-" + UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Mia\"}");
        ApiClient.Response wrong = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"not the password\"}");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(onlyLine(route("login")).get(LecternMetrics.STATUS_CLASS).asText()).isEqualTo("4xx");
        JsonNode registered = onlyLine(has(BusinessMetrics.REGISTRATIONS));
        JsonNode failed = onlyLine(has(BusinessMetrics.LOGINS_FAILED));
        for (JsonNode domain : List.of(registered, failed)) {
            assertThat(domain.get(LecternMetrics.SERVICE).asText()).isEqualTo("lectern-identity");
            assertThat(domain.has(LecternMetrics.ROUTE)).as("domain counts carry the service alone").isFalse();
        }
        assertThat(registered.get(BusinessMetrics.REGISTRATIONS).asDouble()).isEqualTo(1.0);
        assertThat(failed.get(BusinessMetrics.LOGINS_FAILED).asDouble()).isEqualTo(1.0);
    }

    @Test
    void aScheduledRunIsCountedByFunction() {
        assertThat(api.unchecked().send("POST", "/_local/schedules/account-events-relay/run", null, "{}").status()).isEqualTo(200);

        // the local scheduler may run it on its own too: every run leaves a line
        List<JsonNode> runs = emfLines().stream()
                .filter(line -> "account-events-relay".equals(line.path(LecternMetrics.FUNCTION).asText(null))).toList();
        assertThat(runs).isNotEmpty();
        JsonNode line = runs.getLast();
        assertThat(line.get(LecternMetrics.SERVICE).asText()).isEqualTo("lectern-identity");
        assertThat(line.get(LecternMetrics.SCHEDULED_RUNS).asDouble()).isEqualTo(1.0);
        assertThat(line.get(LecternMetrics.SCHEDULED_RUNS_FAILED).asDouble()).isEqualTo(0.0);
    }
}
