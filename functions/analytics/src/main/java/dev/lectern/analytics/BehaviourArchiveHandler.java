package dev.lectern.analytics;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.sqs.SqsBatchHandler;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import dev.lectern.events.InvalidEventException;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the behaviour queue: appends each batch to the S3 event log, one object per UTC
 * day the batch touches. A message holds one event or an array of them (a client's batch, a
 * stream batch of the outbox relay); a message whose events span days is retried whole when one
 * of its days fails, which writes its other days' events again (compaction drops the copies). A message that is not a behaviour event fails alone (it goes to the DLQ
 * after the queue's maxReceiveCount, where an operator sees it); a day whose write fails fails
 * only that day's messages. Redelivered events may be written twice: compaction removes
 * duplicates by event id.
 */
public class BehaviourArchiveHandler extends SqsBatchHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BehaviourArchiveHandler.class);

    @Inject
    EventLogStore store;

    @Inject
    TrendingCounters trending;

    @Override
    protected List<String> process(List<SQSEvent.SQSMessage> messages) {
        List<String> failed = new ArrayList<>();
        Map<LocalDate, Map<String, List<EventEnvelope>>> byDay = new TreeMap<>();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                List<EventEnvelope> events = EventJson.readEnvelopes(message.getBody());
                events.forEach(BehaviourType::read);
                for (EventEnvelope event : events) {
                    byDay.computeIfAbsent(EventLog.dayOf(event), d -> new LinkedHashMap<>())
                            .computeIfAbsent(message.getMessageId(), m -> new ArrayList<>()).add(event);
                }
            } catch (InvalidEventException | IllegalArgumentException e) {
                LOG.warn("message {} is not a valid behaviour event: {}", message.getMessageId(), e.getMessage());
                failed.add(message.getMessageId());
            }
        }
        Set<String> failedMessages = new LinkedHashSet<>(failed);
        byDay.forEach((day, dayMessages) -> {
            try {
                store.write(EventLog.batchObject(day, Ids.newId()), dayMessages.values().stream().flatMap(List::stream).toList());
            } catch (RuntimeException e) {
                LOG.error("writing the events of {} messages of {} failed", dayMessages.size(), day, e);
                failedMessages.addAll(dayMessages.keySet());
            }
        });
        countTrending(byDay, failedMessages);
        LOG.info("archived {} of {} behaviour messages", messages.size() - failedMessages.size(), messages.size());
        return List.copyOf(failedMessages);
    }

    /**
     * The archived events also move the hourly trending counters. Best effort: the log is the
     * record, the counters a fast approximation, so a counter failure is logged, not retried (a
     * retry would also archive the batch again).
     */
    private void countTrending(Map<LocalDate, Map<String, List<EventEnvelope>>> byDay, Set<String> failedMessages) {
        List<EventEnvelope> archived = byDay.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> !failedMessages.contains(e.getKey())).flatMap(e -> e.getValue().stream()).toList();
        try {
            trending.add(archived);
        } catch (RuntimeException e) {
            LOG.error("the trending counters missed {} events", archived.size(), e);
        }
    }
}
