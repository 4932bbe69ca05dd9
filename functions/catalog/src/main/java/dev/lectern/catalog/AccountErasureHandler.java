package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.sqs.SqsBatchHandler;
import dev.lectern.events.AccountErased;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import dev.lectern.events.InvalidEventException;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the accounts queue: when an account is erased, removes what the catalog keeps about
 * it ({@link CatalogService#eraseAccount}). Each message succeeds or fails alone (partial batch
 * failures); a message that is not a valid event fails every time and reaches the DLQ, where an
 * operator sees it. Other account event types are not the catalog's business and are acknowledged.
 * Replays are harmless: the erasure is idempotent.
 */
public class AccountErasureHandler extends SqsBatchHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AccountErasureHandler.class);

    @Inject
    CatalogService service;

    @Override
    protected List<String> process(List<SQSEvent.SQSMessage> messages) {
        return oneByOne(messages, message -> {
            EventEnvelope event = EventJson.readEnvelope(message.getBody());
            if (!AccountErased.TYPE.equals(event.type())) {
                LOG.info("message {}: {} is not for the catalog", message.getMessageId(), event.type());
                return;
            }
            // the user id is not logged: the log outlives the erasure
            CatalogService.Erasure erased = service.eraseAccount(event.payloadAs(AccountErased.class).userId());
            LOG.info("message {}: erased {} reviews, {} entitlements and {} progress items", message.getMessageId(), erased.reviews(),
                    erased.entitlements(), erased.progress());
        }, InvalidEventException.class, IllegalArgumentException.class);
    }
}
