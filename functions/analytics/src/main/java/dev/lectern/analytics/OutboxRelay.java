package dev.lectern.analytics;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends the events of committed writes to the behaviour queue: for each stream record, the
 * envelopes of the item's new outbox whose ids its old outbox did not carry ({@link Outbox#newEvents}).
 * A batch's events go in as few messages as fit under SQS's size limit, in record order.
 *
 * <p>A stream is read in order per shard, so a failure is reported as the first record whose
 * events were not sent: Lambda retries from there (what it sent before stays sent). A record
 * retried or delivered twice sends the same envelopes again, with the same ids, which the event
 * log's compaction de-duplicates.
 */
@Singleton
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** SQS's limit less room for the array's brackets and the message attributes. */
    private static final int MESSAGE_BYTES = EventPublisher.MAX_BATCH_BYTES - 1024;

    private final EventPublisher publisher;
    private final String queueUrl;

    public OutboxRelay(SqsClient sqs, LecternConfig config) {
        this.publisher = new EventPublisher(sqs);
        this.queueUrl = config.require(ResourceId.BEHAVIOUR_QUEUE);
    }

    /** What a batch came to: events sent, and the sequence number to retry from (empty when all were sent). */
    public record Outcome(int sent, Optional<String> failedFrom) {
    }

    public Outcome relay(List<DynamodbEvent.DynamodbStreamRecord> records) {
        Pending pending = new Pending();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            String sequence = record.getDynamodb().getSequenceNumber();
            List<EventEnvelope> events;
            try {
                events = newEvents(record);
            } catch (RuntimeException e) {
                // an outbox the relay cannot read never becomes readable: its retries end in the on-failure queue
                LOG.error("stream record {} has an unreadable outbox", sequence, e);
                return pending.send() ? pending.failedFrom(sequence) : pending.failedFrom(pending.from);
            }
            for (EventEnvelope event : events) {
                int bytes = EventJson.write(event).getBytes(StandardCharsets.UTF_8).length + 1;
                if (pending.bytes + bytes > MESSAGE_BYTES && !pending.send()) {
                    return pending.failedFrom(pending.from);
                }
                pending.add(event, bytes, sequence);
            }
        }
        return pending.send() ? new Outcome(pending.sent, Optional.empty()) : pending.failedFrom(pending.from);
    }

    /** The events of the message being filled, and the record they start at. */
    private final class Pending {
        final List<EventEnvelope> events = new ArrayList<>();
        int bytes;
        String from;
        int sent;

        void add(EventEnvelope event, int size, String sequence) {
            if (events.isEmpty()) {
                from = sequence;
            }
            events.add(event);
            bytes += size;
        }

        /** Sends what is pending; false when the send failed (the events stay pending). */
        boolean send() {
            if (events.isEmpty()) {
                return true;
            }
            try {
                publisher.publishAll(queueUrl, events);
            } catch (RuntimeException e) {
                LOG.error("sending {} events to the behaviour queue failed", events.size(), e);
                return false;
            }
            sent += events.size();
            events.clear();
            bytes = 0;
            from = null;
            return true;
        }

        Outcome failedFrom(String sequence) {
            return new Outcome(sent, Optional.of(sequence));
        }
    }

    /** The events a record's new image added to the item's outbox. */
    static List<EventEnvelope> newEvents(DynamodbEvent.DynamodbStreamRecord record) {
        return Outbox.newEvents(outbox(record.getDynamodb().getOldImage()), outbox(record.getDynamodb().getNewImage()));
    }

    private static List<String> outbox(Map<String, AttributeValue> image) {
        if (image == null || image.get(Outbox.ATTRIBUTE) == null || image.get(Outbox.ATTRIBUTE).getL() == null) {
            return List.of();
        }
        return image.get(Outbox.ATTRIBUTE).getL().stream().map(AttributeValue::getS).toList();
    }
}
