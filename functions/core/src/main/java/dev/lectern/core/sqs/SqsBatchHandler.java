package dev.lectern.core.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.aws.LecternHandler;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.metrics.InvocationMetrics;
import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.priming.Priming;
import dev.lectern.core.priming.TablePriming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every SQS consumer. It answers with partial batch failures (the event-source
 * mapping has {@code ReportBatchItemFailures}): only the messages that failed come back after the
 * visibility timeout, and after the queue's maxReceiveCount they land in its DLQ.
 *
 * <p>A subclass sees the whole batch and reports failures per message id, so it can batch its
 * own I/O (one S3 object for many events). On a FIFO queue, once a message of a group fails,
 * every later message of that group in the batch is failed too, so the group keeps its order;
 * other groups' messages are not held back by it (order is per group), which keeps a poison
 * message from dragging messages of unrelated groups towards the DLQ with it.
 *
 * <p>Each batch is counted: messages processed and failed ({@link LecternMetrics}).
 *
 * <p>Powertools' batch module implements the same contract; these few lines spare every
 * consumer's package another dependency.
 */
public abstract class SqsBatchHandler extends LecternHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchHandler.class);
    /** The system attribute SQS and Lambda give a FIFO message. */
    private static final String MESSAGE_GROUP_ID = "MessageGroupId";

    /** Priming for SnapStart (an empty batch through the consumer after its table client), kept as long as this handler lives. */
    private final Optional<Resource> primer = TablePriming.registerFor(getClass(), this::beans, () -> process(List.of()));

    @Override
    public void close() {
        primer.ifPresent(Priming::deregister);
        super.close();
    }

    /**
     * Processes the batch; returns the ids of the messages that failed. Throwing fails the batch.
     */
    protected abstract List<String> process(List<SQSEvent.SQSMessage> messages);

    /** What a consumer does with one message; throwing fails that message. */
    @FunctionalInterface
    protected interface MessageWork {
        void accept(SQSEvent.SQSMessage message);
    }

    /**
     * Processes the messages one at a time, each under its producer's correlation id; returns those
     * whose work threw. A message that throws one of {@code poison} can never succeed (it is not a
     * valid event): a warning without a stack trace, and it reaches the DLQ after its retries;
     * anything else is logged as an error and retried.
     */
    @SafeVarargs
    protected final List<String> oneByOne(List<SQSEvent.SQSMessage> messages, MessageWork work,
                                          Class<? extends RuntimeException>... poison) {
        List<String> failed = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            Logs.correlationId(correlationIdOf(message));
            try {
                work.accept(message);
            } catch (RuntimeException e) {
                if (Arrays.stream(poison).anyMatch(type -> type.isInstance(e))) {
                    LOG.warn("message {} cannot be processed: {}", message.getMessageId(), e.getMessage());
                } else {
                    LOG.error("message {} failed; it will be retried", message.getMessageId(), e);
                }
                failed.add(message.getMessageId());
            }
        }
        return failed;
    }

    @Override
    protected final SQSBatchResponse execute(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<String> failed;
        try {
            failed = process(messages);
        } catch (RuntimeException e) {
            LOG.error("batch of {} failed as a whole", messages.size(), e);
            failed = messages.stream().map(SQSEvent.SQSMessage::getMessageId).toList();
        } finally {
            Logs.clearCorrelationId();
        }
        List<String> reported = isFifo(messages) ? failFromFirstFailure(messages, failed) : failed;
        if (!reported.isEmpty()) {
            LOG.warn("{} of {} messages failed and will be retried", reported.size(), messages.size());
        }
        LecternMetrics.batch(functionId(getClass()), messages.size() - reported.size(), reported.size(), context,
                beans().getBean(InvocationMetrics.class));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        reported.forEach(id -> failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** The catalog id this function runs as (its environment says), for its metrics. */
    static String functionId(Class<?> handler) {
        return FunctionEnvironment.lookup(FunctionEnvironment.FUNCTION_ID).orElse(handler.getSimpleName());
    }

    /** The correlation id the producer attached, if any. */
    public static String correlationIdOf(SQSEvent.SQSMessage message) {
        var attributes = message.getMessageAttributes();
        if (attributes == null) {
            return null;
        }
        var attribute = attributes.get(EventPublisher.CORRELATION_ATTRIBUTE);
        return attribute == null ? null : attribute.getStringValue();
    }

    private static boolean isFifo(List<SQSEvent.SQSMessage> messages) {
        return !messages.isEmpty() && messages.getFirst().getEventSourceArn() != null
                && messages.getFirst().getEventSourceArn().endsWith(".fifo");
    }

    private static List<String> failFromFirstFailure(List<SQSEvent.SQSMessage> messages, List<String> failed) {
        List<String> result = new ArrayList<>();
        Set<String> failingGroups = new HashSet<>();
        for (SQSEvent.SQSMessage message : messages) {
            String group = message.getAttributes() == null ? "" : message.getAttributes().getOrDefault(MESSAGE_GROUP_ID, "");
            if (failed.contains(message.getMessageId())) {
                failingGroups.add(group);
            }
            if (failingGroups.contains(group)) {
                result.add(message.getMessageId());
            }
        }
        return result;
    }
}
