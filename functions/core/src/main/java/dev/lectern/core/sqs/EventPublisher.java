package dev.lectern.core.sqs;

import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends event envelopes to a queue, with the correlation id as a message attribute so the
 * consumer's logs join the producer's. On a FIFO queue the caller names the message group
 * (what must stay ordered) and the envelope id is the deduplication id (a retried send within
 * five minutes is dropped by SQS).
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

    private String send(String queueUrl, EventEnvelope event, String messageGroupId) {
        var request = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(EventJson.write(event));
        if (event.correlationId() != null) {
            request.messageAttributes(Map.of(CORRELATION_ATTRIBUTE, MessageAttributeValue.builder()
                    .dataType("String").stringValue(event.correlationId()).build()));
        }
        if (messageGroupId != null) {
            request.messageGroupId(messageGroupId).messageDeduplicationId(event.id());
        }
        return sqs.sendMessage(request.build()).messageId();
    }
}
