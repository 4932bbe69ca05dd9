package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.sqs.SqsBatchHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the payments FIFO queue: each message is one Stripe event, verified by the webhook,
 * applied once by {@link PaymentEventProcessor}. A message that is not a Stripe event fails every
 * time and reaches the DLQ; a failure of ours (DynamoDB, Stripe unreachable) is retried, and the
 * rest of its group waits behind it ({@link SqsBatchHandler}).
 */
public class PaymentEventsHandler extends SqsBatchHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventsHandler.class);

    @Inject
    PaymentEventProcessor processor;

    @Override
    protected List<String> process(List<SQSEvent.SQSMessage> messages) {
        List<String> failed = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            Logs.correlationId(correlationIdOf(message));
            try {
                processor.process(message.getBody());
            } catch (StripeEvents.InvalidEvent e) {
                LOG.warn("message {} is not a Stripe event we can read: {}", message.getMessageId(), e.getMessage());
                failed.add(message.getMessageId());
            } catch (RuntimeException e) {
                LOG.error("message {}: applying the payment event failed; it will be retried", message.getMessageId(), e);
                failed.add(message.getMessageId());
            }
        }
        return failed;
    }
}
