package dev.lectern.core.sqs;

import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends event envelopes to a queue, with the correlation id as a message attribute so the
 * consumer's logs join the producer's. On a FIFO queue the caller names the message group
 * (what must stay ordered) and the envelope id is the deduplication id (a retried send within
 * five minutes is dropped by SQS).
 *
 * <p>Several events go as one message, a JSON array of envelopes ({@link #publishAll}), when they
 * are produced together (a client's batch, a stream batch): one request and one SQS charge per
 * 64 KB instead of one per event. A consumer of such a queue reads both forms
 * ({@link EventJson#readEnvelopes}).
 */
public final class EventPublisher {

    public static final String CORRELATION_ATTRIBUTE = "correlationId";

    private final SqsClient sqs;

    public EventPublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String publish(String queueUrl, EventEnvelope event) {
        return send(queueUrl, event, null);
    }

    public String publishOrdered(String queueUrl, EventEnvelope event, String messageGroupId) {
        return send(queueUrl, event, messageGroupId);
    }

    /** Up to {@link #MAX_BATCH_BYTES} of events in one message on a standard queue; the caller splits larger sets. */
    public String publishAll(String queueUrl, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to publish");
        }
        String body = EventJson.write(events);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("a batch message must stay under " + MAX_BATCH_BYTES + " bytes");
        }
        return sqs.sendMessage(withCorrelation(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body),
                events.get(0).correlationId()).build()).messageId();
    }

    /** SQS's message limit is 256 KiB; leave room for attributes. */
    public static final int MAX_BATCH_BYTES = 240 * 1024;

    private static SendMessageRequest.Builder withCorrelation(SendMessageRequest.Builder request, String correlationId) {
        if (correlationId != null) {
            request.messageAttributes(Map.of(CORRELATION_ATTRIBUTE, MessageAttributeValue.builder()
                    .dataType("String").stringValue(correlationId).build()));
        }
        return request;
    }

    private String send(String queueUrl, EventEnvelope event, String messageGroupId) {
        var request = withCorrelation(SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(EventJson.write(event)), event.correlationId());
        if (messageGroupId != null) {
            request.messageGroupId(messageGroupId).messageDeduplicationId(event.id());
        }
        return sqs.sendMessage(request.build()).messageId();
    }
}
