package dev.lectern.identity;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.AccountErased;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Tells the other contexts what happened to an account, on the accounts queue. Events are
 * written to the account's outbox in the transaction that makes them true
 * ({@link IdentityStore#deleteUser}) and sent after it: at once by the request, or later by the
 * relay schedule when the send failed. A consumer may see an event twice, never none.
 */
@Singleton
public class AccountEvents {

    private final EventPublisher publisher;
    private final String queueUrl;

    public AccountEvents(SqsClient sqs, LecternConfig config) {
        this.publisher = new EventPublisher(sqs);
        this.queueUrl = config.require(ResourceId.ACCOUNTS_QUEUE);
    }

    /** The event an erasure sends, made before the erasure so that its outbox item holds it. */
    public static EventEnvelope erased(String userId, Instant at) {
        return EventEnvelope.of(Ids.newId(), AccountErased.TYPE, at, Logs.currentCorrelationId(), new AccountErased(userId));
    }

    public void send(EventEnvelope event) {
        publisher.publish(queueUrl, event);
    }
}
