package dev.lectern.core.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.aws.SimpleLambdaContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.metrics.EmfCapture;
import dev.lectern.core.metrics.LecternMetrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqsBatchHandlerTest {

    /** Fails the messages whose body is listed; throws for a body "boom". */
    static final class Failing extends SqsBatchHandler {
        private final Set<String> failing;

        Failing(Set<String> failing) {
            this.failing = failing;
        }

        @Override
        protected List<String> process(List<SQSEvent.SQSMessage> messages) {
            if (messages.stream().anyMatch(m -> m.getBody().equals("boom"))) {
                throw new IllegalStateException("boom");
            }
            return messages.stream().filter(m -> failing.contains(m.getBody())).map(SQSEvent.SQSMessage::getMessageId).toList();
        }
    }

    private static SQSEvent batch(String arn, String... bodies) {
        SQSEvent event = new SQSEvent();
        event.setRecords(Stream.of(bodies).map(body -> {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("id-" + body);
            m.setBody(body);
            m.setEventSourceArn(arn);
            return m;
        }).toList());
        return event;
    }

    private static List<String> failures(Set<String> failing, SQSEvent event) {
        try (Failing handler = new Failing(failing)) {
            SQSBatchResponse response = handler.handleRequest(event, SimpleLambdaContext.of("r", "f", 512, 10));
            return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        }
    }

    @Test
    void aStandardQueueRetriesOnlyTheFailedMessages() {
        assertThat(failures(Set.of("b"), batch("arn:aws:sqs:r:1:behaviour", "a", "b", "c"))).containsExactly("id-b");
    }

    @Test
    void aFifoQueueRetriesFromTheFirstFailureOnToKeepOrder() {
        assertThat(failures(Set.of("b"), batch("arn:aws:sqs:r:1:payments.fifo", "a", "b", "c"))).containsExactly("id-b", "id-c");
    }

    @Test
    void aFifoFailureHoldsBackOnlyItsOwnGroup() {
        SQSEvent event = batch("arn:aws:sqs:r:1:payments.fifo", "a", "b", "c", "d");
        List<String> groups = List.of("g1", "g1", "g2", "g1");
        for (int i = 0; i < groups.size(); i++) {
            event.getRecords().get(i).setAttributes(Map.of("MessageGroupId", groups.get(i)));
        }
        assertThat(failures(Set.of("b"), event)).containsExactly("id-b", "id-d");
    }

    /** Works message by message: "poison" can never succeed, "flaky" fails this time. */
    static final class OneByOne extends SqsBatchHandler {
        @Override
        protected List<String> process(List<SQSEvent.SQSMessage> messages) {
            return oneByOne(messages, message -> {
                switch (message.getBody()) {
                    case "poison" -> throw new IllegalArgumentException("not an event");
                    case "flaky" -> throw new IllegalStateException("the table did not answer");
                    default -> {
                    }
                }
            }, IllegalArgumentException.class);
        }
    }

    @Test
    void oneByOneFailsExactlyTheMessagesWhoseWorkThrows() {
        try (OneByOne handler = new OneByOne()) {
            SQSBatchResponse response = handler.handleRequest(batch("arn:aws:sqs:r:1:accounts", "a", "poison", "b", "flaky"),
                    SimpleLambdaContext.of("r", "f", 512, 10));
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly("id-poison", "id-flaky");
        }
    }

    @Test
    void anExceptionFailsTheWholeBatch() {
        assertThat(failures(Set.of(), batch("arn:aws:sqs:r:1:behaviour", "a", "boom"))).containsExactly("id-a", "id-boom");
    }

    @Test
    void eachBatchIsCountedAsProcessedAndFailedMessagesOfItsFunction() {
        Map<String, String> env = Map.of(FunctionEnvironment.METRICS_NAMESPACE, "Lectern/test",
                FunctionEnvironment.SERVICE_NAME, "lectern-analytics", FunctionEnvironment.FUNCTION_ID, "behaviour-archiver");

        List<JsonNode> lines = EmfCapture.linesOf(() -> FunctionEnvironment.callWith(env,
                () -> failures(Set.of("b"), batch("arn:aws:sqs:r:1:behaviour", "a", "b", "c"))));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("Function").asText()).isEqualTo("behaviour-archiver");
            assertThat(line.get("Service").asText()).isEqualTo("lectern-analytics");
            assertThat(line.get(LecternMetrics.MESSAGES_PROCESSED).asInt()).isEqualTo(2);
            assertThat(line.get(LecternMetrics.MESSAGES_FAILED).asInt()).isEqualTo(1);
        });
    }
}
