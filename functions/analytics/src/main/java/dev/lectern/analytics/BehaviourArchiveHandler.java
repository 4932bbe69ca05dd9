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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the behaviour queue: appends each batch to the S3 event log, one object per UTC
 * day the batch touches. A message that is not a behaviour event fails alone (it goes to the DLQ
 * after the queue's maxReceiveCount, where an operator sees it); a day whose write fails fails
 * only that day's messages. Redelivered events may be written twice: compaction removes
 * duplicates by event id.
 */
public class BehaviourArchiveHandler extends SqsBatchHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BehaviourArchiveHandler.class);

    @Inject
    EventLogStore store;

    @Override
    protected List<String> process(List<SQSEvent.SQSMessage> messages) {
        List<String> failed = new ArrayList<>();
        Map<LocalDate, List<SQSEvent.SQSMessage>> byDay = new TreeMap<>();
        Map<String, EventEnvelope> parsed = new HashMap<>();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                EventEnvelope event = EventJson.readEnvelope(message.getBody());
                BehaviourType.read(event);
                parsed.put(message.getMessageId(), event);
                byDay.computeIfAbsent(EventLog.dayOf(event), d -> new ArrayList<>()).add(message);
            } catch (InvalidEventException | IllegalArgumentException e) {
                LOG.warn("message {} is not a valid behaviour event: {}", message.getMessageId(), e.getMessage());
                failed.add(message.getMessageId());
            }
        }
        byDay.forEach((day, dayMessages) -> {
            try {
                store.write(EventLog.batchObject(day, Ids.newId()),
                        dayMessages.stream().map(m -> parsed.get(m.getMessageId())).toList());
            } catch (RuntimeException e) {
                LOG.error("writing {} events of {} failed", dayMessages.size(), day, e);
                dayMessages.forEach(m -> failed.add(m.getMessageId()));
            }
        });
        LOG.info("archived {} of {} behaviour events", messages.size() - failed.size(), messages.size());
        return failed;
    }
}
