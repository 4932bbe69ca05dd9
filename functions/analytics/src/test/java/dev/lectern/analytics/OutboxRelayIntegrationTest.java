package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import dev.lectern.events.SampleEvents;
import dev.lectern.local.emulators.SharedEmulators;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The real relay, invoked with the sample stream batch, sending to a queue of the SQS emulator. */
class OutboxRelayIntegrationTest {

    private static DynamodbEvent sample() {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, OutboxRelayIntegrationTest.class.getClassLoader())
                .fromJson(SampleEvents.text("outbox-relay.dynamodb-stream.json"));
    }

    private static StreamsEventResponse relay(String queueUrl, DynamodbEvent event) {
        StreamsEventResponse[] response = new StreamsEventResponse[1];
        SharedEmulators.withEnvironment(Map.of(LecternConfig.BEHAVIOUR_QUEUE_URL, queueUrl), () -> {
            try (OutboxRelayHandler handler = new OutboxRelayHandler()) {
                response[0] = handler.handleRequest(event, SimpleLambdaContext.of("req-r1", "outbox-relay", 512, 30));
            }
        });
        return response[0];
    }

    private static List<Message> drain(String queueUrl) {
        return SharedEmulators.get().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .messageAttributeNames("All")).messages();
    }

    @Test
    void sendsOnlyTheEventsEachRecordAddedToItsItemsOutboxInOneMessage() {
        String queue = SharedEmulators.get().sqs().createQueue(b -> b.queueName("relay-" + UUID.randomUUID())).queueUrl();

        StreamsEventResponse response = relay(queue, sample());

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<Message> messages = drain(queue);
        assertThat(messages).hasSize(1);
        List<EventEnvelope> events = EventJson.readEnvelopes(messages.getFirst().body());
        // the edited review's old image already carried its review_posted: it adds nothing
        assertThat(events).extracting(EventEnvelope::id).containsExactly("01JDQ5Z8K3M4N5P6Q7R8S9T0W1", "01JDQ5Z8K3M4N5P6Q7R8S9T0W2");
        assertThat(events).extracting(EventEnvelope::type).containsExactly("behaviour.enrolled", "behaviour.order_refunded");
        assertThat(messages.getFirst().messageAttributes().get("correlationId").stringValue()).isEqualTo("sample-correlation-0010");
    }

    @Test
    void aRecordDeliveredTwiceSendsTheSameEventIds() {
        String queue = SharedEmulators.get().sqs().createQueue(b -> b.queueName("relay-" + UUID.randomUUID())).queueUrl();

        relay(queue, sample());
        relay(queue, sample());

        List<String> ids = drain(queue).stream().flatMap(m -> EventJson.readEnvelopes(m.body()).stream()).map(EventEnvelope::id).toList();
        assertThat(ids).hasSize(4).containsOnly("01JDQ5Z8K3M4N5P6Q7R8S9T0W1", "01JDQ5Z8K3M4N5P6Q7R8S9T0W2");
    }

    @Test
    void aFailedSendIsReportedFromTheFirstRecordNotSent() {
        StreamsEventResponse response = relay("http://127.0.0.1:9/000000000000/no-such-queue", sample());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("100000000000000000001");
    }

    @Test
    void aRecordWhoseOutboxDidNotChangeSendsNothing() {
        DynamodbEvent event = sample();
        event.setRecords(List.of(event.getRecords().get(2)));
        String queue = SharedEmulators.get().sqs().createQueue(b -> b.queueName("relay-" + UUID.randomUUID())).queueUrl();

        assertThat(relay(queue, event).getBatchItemFailures()).isEmpty();
        assertThat(drain(queue)).isEmpty();
    }
}
