package dev.lectern.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lectern.core.aws.LecternHandler;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.metrics.InvocationMetrics;
import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.priming.Priming;
import dev.lectern.core.priming.TablePriming;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table stream's consumer ({@code outbox-relay}): its event-source mapping passes only
 * records whose new image has an outbox; {@link OutboxRelay} sends their new events. A failure is
 * answered as a partial batch response (ReportBatchItemFailures): the first record not sent, from
 * which Lambda retries; after the mapping's retries the record goes to the on-failure queue.
 */
public class OutboxRelayHandler extends LecternHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayHandler.class);

    @Inject
    OutboxRelay relay;

    /** Priming for SnapStart (an empty batch through the relay, which builds its queue client), kept as long as this handler lives. */
    private final Optional<Resource> primer = TablePriming.registerFor(getClass(), this::beans,
            () -> beans().getBean(OutboxRelay.class).relay(List.of()));

    @Override
    public void close() {
        primer.ifPresent(Priming::deregister);
        super.close();
    }

    @Override
    protected StreamsEventResponse execute(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        OutboxRelay.Outcome outcome = relay.relay(records);
        int failed = outcome.failedFrom().map(from -> records.size() - indexOf(records, from)).orElse(0);
        if (failed > 0) {
            LOG.warn("{} of {} stream records will be retried", failed, records.size());
        }
        LOG.info("relayed {} events from {} stream records", outcome.sent(), records.size() - failed);
        LecternMetrics.batch(FunctionEnvironment.lookup(FunctionEnvironment.FUNCTION_ID).orElse("outbox-relay"),
                records.size() - failed, failed, context, beans().getBean(InvocationMetrics.class));
        return StreamsEventResponse.builder().withBatchItemFailures(outcome.failedFrom()
                .map(from -> List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(from).build()))
                .orElse(List.of())).build();
    }

    private static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (sequenceNumber.equals(records.get(i).getDynamodb().getSequenceNumber())) {
                return i;
            }
        }
        return 0;
    }
}
