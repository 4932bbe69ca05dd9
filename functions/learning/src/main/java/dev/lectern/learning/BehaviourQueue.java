package dev.lectern.learning;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The behaviour queue, where the archiver takes events to the S3 event log. */
@Singleton
public class BehaviourQueue {

    private final EventPublisher publisher;
    private final String queueUrl;

    public BehaviourQueue(SqsClient sqs, LecternConfig config) {
        this.publisher = new EventPublisher(sqs);
        this.queueUrl = config.require(ResourceId.BEHAVIOUR_QUEUE);
    }

    /** A client's batch as one message (a JSON array of envelopes): one request, one SQS charge per 64 KB. */
    void sendAll(List<EventEnvelope> events) {
        publisher.publishAll(queueUrl, events);
    }
}
