package dev.lectern.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.routes.Consumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event-source mapping for one consumer: pollers receive batches, invoke the
 * function, and delete only the messages that did not fail (ReportBatchItemFailures). Failed
 * messages, and the whole batch when the function throws, become visible again after the queue's
 * visibility timeout; after maxReceiveCount the queue's redrive policy moves them to the DLQ.
 */
final class SqsEventSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    /** Pollers per consumer, at most; Lambda scales further, a laptop need not. */
    private static final int MAX_POLLERS = 2;
    /** The emulators' region (LocalResources). */
    private static final String REGION = "us-east-1";

    private final Consumer consumer;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final FunctionPool functions;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile FailureInjection failures = FailureInjection.NONE;
    private final ExecutorService pollers;

    SqsEventSource(Consumer consumer, SqsClient sqs, String queueUrl, FunctionPool functions) {
        this.consumer = consumer;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.functions = functions;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        this.pollers = Executors.newFixedThreadPool(Math.min(MAX_POLLERS, consumer.maxConcurrency()), r -> {
            Thread thread = new Thread(r, "sqs-" + consumer.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Chaos for tests: each invocation fails with probability {@code rate} while the batch's
     * messages have been received fewer than {@code maxReceives} times — half of them before the
     * function runs (a crash at start), half after it has run and done its work (a response lost),
     * so that what follows is a redelivery of work already done. Messages past {@code maxReceives}
     * are never failed this way, so injection alone never sends one to the DLQ.
     */
    record FailureInjection(double rate, int maxReceives, java.util.random.RandomGenerator random) {
        static final FailureInjection NONE = new FailureInjection(0, 0, new java.util.Random(0));

        boolean fails(List<Message> messages) {
            boolean young = messages.stream().allMatch(m -> receiveCount(m) < maxReceives);
            return young && random.nextDouble() < rate;
        }

        private static int receiveCount(Message message) {
            String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            return count == null ? 1 : Integer.parseInt(count);
        }
    }

    String consumerId() {
        return consumer.id();
    }

    void injectFailures(FailureInjection injection) {
        this.failures = injection;
    }

    void start() {
        for (int i = 0; i < Math.min(MAX_POLLERS, consumer.maxConcurrency()); i++) {
            pollers.submit(this::poll);
        }
    }

    private void poll() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("polling {} failed: {}", consumer.id(), e.getMessage());
                    sleep();
                }
            }
        }
    }

    /** One receive, one invocation, one delete of what succeeded. Returns the number of messages received. */
    int pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, consumer.batchSize()))
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        Set<String> failed = new HashSet<>();
        FailureInjection injection = failures;
        boolean injected = injection.fails(messages);
        boolean before = injected && injection.random().nextBoolean();
        try {
            if (before) {
                throw new IllegalStateException("injected failure before the invocation");
            }
            SQSBatchResponse response = (SQSBatchResponse) functions.invoke(consumer, toEvent(messages));
            if (injected) {
                throw new IllegalStateException("injected failure after the invocation (its response is lost)");
            }
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            if (injected) {
                LOG.warn("{}: {}; the batch of {} will be retried", consumer.id(), e.getMessage(), messages.size());
            } else {
                LOG.error("{} threw; the batch of {} will be retried", consumer.id(), messages.size(), e);
            }
            messages.forEach(m -> failed.add(m.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(REGION);
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            message.messageAttributes().forEach((k, v) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(v.dataType());
                attribute.setStringValue(v.stringValue());
                messageAttributes.put(k, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        pollers.shutdownNow();
    }
}
