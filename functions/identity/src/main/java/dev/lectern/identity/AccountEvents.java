package dev.lectern.identity;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.AccountErased;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Tells the other contexts what happened to an account, on the accounts queue. */
@Singleton
public class AccountEvents {

    private final EventPublisher publisher;
    private final String queueUrl;
    private final Clock clock;

    public AccountEvents(SqsClient sqs, LecternConfig config, Clock clock) {
        this.publisher = new EventPublisher(sqs);
        this.queueUrl = config.require(ResourceId.ACCOUNTS_QUEUE);
        this.clock = clock;
    }

    public void erased(String userId) {
        publisher.publish(queueUrl, EventEnvelope.of(Ids.newId(), AccountErased.TYPE, clock.instant(), Logs.currentCorrelationId(),
                new AccountErased(userId)));
    }
}
