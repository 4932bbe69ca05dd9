package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.sqs.SqsBatchHandler;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Consumer of the payments FIFO queue: each message is one Stripe event, verified by the webhook,
 * applied once by {@link PaymentEventProcessor}. A message that is not a Stripe event fails every
 * time and reaches the DLQ; a failure of ours (DynamoDB, Stripe unreachable) is retried, and the
 * rest of its group waits behind it ({@link SqsBatchHandler}).
 */
public class PaymentEventsHandler extends SqsBatchHandler {

    @Inject
    PaymentEventProcessor processor;

    @Override
    protected List<String> process(List<SQSEvent.SQSMessage> messages) {
        return oneByOne(messages, message -> processor.process(message.getBody()), StripeEvents.InvalidEvent.class);
    }
}
