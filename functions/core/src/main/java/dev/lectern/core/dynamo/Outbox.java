package dev.lectern.core.dynamo;

import dev.lectern.core.ids.Ids;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events that leave with the write that causes them. A write that changes state (an enrolment,
 * a payment, a refund, progress, a review) sets the {@value #ATTRIBUTE} attribute of the item it
 * writes to the events of that change, in the same request or transaction. The table's stream
 * carries the item's old and new images to the outbox relay, which sends the events whose ids are
 * new in the item's new image to the behaviour queue. So an event exists exactly when its change
 * committed: a failed or cancelled write leaves no stream record, a committed one always does.
 *
 * <p>The attribute is a list of envelope JSON strings and is replaced by the next write that has
 * events; writes without events leave it alone (or drop it), and the relay then sends nothing.
 * Event ids are minted here, once, so a stream record delivered twice carries the same ids, which
 * the event log's compaction de-duplicates.
 */
public final class Outbox {

    public static final String ATTRIBUTE = "outbox";

    private Outbox() {
    }

    /** A behaviour as an event that happened now, with a fresh id. */
    public static EventEnvelope event(Behaviour behaviour, Instant occurredAt, String correlationId) {
        return behaviour.envelope(Ids.newId(), occurredAt, correlationId);
    }

    /** The attribute value that carries these events. */
    public static AttributeValue attribute(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an outbox needs at least one event");
        }
        return AttributeValue.fromL(events.stream().map(e -> AttributeValue.fromS(EventJson.write(e))).toList());
    }

    public static AttributeValue attribute(EventEnvelope... events) {
        return attribute(List.of(events));
    }

    /**
     * The events of a new image that its old image did not carry, from the list values' JSON
     * strings (the relay reads stream images in Lambda's event model, so plain strings come in).
     */
    public static List<EventEnvelope> newEvents(List<String> oldOutbox, List<String> newOutbox) {
        Set<String> before = oldOutbox.stream().map(json -> EventJson.readEnvelope(json).id()).collect(Collectors.toSet());
        return newOutbox.stream().map(EventJson::readEnvelope).filter(e -> !before.contains(e.id())).toList();
    }
}
