package dev.lectern.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.core.aws.SimpleLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the functions write to stdout for CloudWatch Logs: one JSON object a line, with the fields
 * operations queries (docs/operations.md) — level, message, the Lambda request id and function,
 * the cold start, the correlation id, and an exception's name, message and stack.
 */
class LogLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(LogLinesTest.class);

    private static synchronized List<JsonNode> linesOf(Runnable work) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aLineInAnInvocationCarriesItsContextAndCorrelationId() throws IOException {
        List<JsonNode> lines = linesOf(() -> Logs.withInvocation(SimpleLambdaContext.of("req-1", "lectern-test-Health", 512, 10), () -> {
            Logs.correlationId("corr-1");
            try {
                LOG.info("served {}", "GET /health");
            } finally {
                Logs.clearCorrelationId();
            }
            return null;
        }));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("message").asText()).isEqualTo("served GET /health");
            assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.get("function_request_id").asText()).isEqualTo("req-1");
            assertThat(line.get("function_name").asText()).isEqualTo("lectern-test-Health");
            assertThat(line.get("function_memory_size").isNumber()).isTrue();
            assertThat(line.get("cold_start").isBoolean()).isTrue();
            assertThat(line.get(Logs.CORRELATION_ID).asText()).isEqualTo("corr-1");
            // as in Powertools' layout: no sampling rate when debug sampling is off
            assertThat(line.has("sampling_rate")).isFalse();
            assertThat(line.has("error")).isFalse();
        });
    }

    @Test
    void anExceptionIsNamedWithItsMessageAndStack() throws IOException {
        List<JsonNode> lines = linesOf(() -> LOG.warn("could not send", new IllegalStateException("queue gone")));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.at("/error/name").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(line.at("/error/message").asText()).isEqualTo("queue gone");
            assertThat(line.at("/error/stack").asText()).contains("LogLinesTest");
            assertThat(line.has("function_request_id")).isFalse();
        });
    }

    @Test
    void librariesLogAtWarnAndOursAtInfo() throws IOException {
        List<JsonNode> lines = linesOf(() -> {
            LoggerFactory.getLogger("software.amazon.awssdk.Chatty").info("not shown");
            LoggerFactory.getLogger("software.amazon.awssdk.Chatty").warn("library warning");
            LoggerFactory.getLogger("dev.lectern.Ours").debug("not shown either");
            LoggerFactory.getLogger("dev.lectern.Ours").info("our info");
        });
        assertThat(lines).extracting(line -> line.get("message").asText()).containsExactly("library warning", "our info");
    }

    @Test
    void powertoolsLevelsChangeOurLoggersAndLeaveTheLibrariesAtWarn() throws IOException {
        // what Powertools does with POWERTOOLS_LOG_LEVEL (INFO for every function in AWS) or a sampled debug invocation
        LogbackLoggingManager levels = new LogbackLoggingManager();
        Logger ours = LoggerFactory.getLogger("dev.lectern.Ours");
        Logger library = LoggerFactory.getLogger("software.amazon.awssdk.Chatty");
        org.slf4j.event.Level before = levels.getLogLevel(ours);
        levels.setLogLevel(org.slf4j.event.Level.DEBUG);
        try {
            assertThat(levels.getLogLevel(ours)).isEqualTo(org.slf4j.event.Level.DEBUG);
            assertThat(levels.getLogLevel(library)).isEqualTo(org.slf4j.event.Level.WARN);
            List<JsonNode> lines = linesOf(() -> {
                ours.debug("shown");
                library.info("not shown");
            });
            assertThat(lines).extracting(line -> line.get("message").asText()).containsExactly("shown");
        } finally {
            levels.setLogLevel(before);
        }
        assertThat(levels.getLogLevel(ours)).isEqualTo(before);
    }
}
