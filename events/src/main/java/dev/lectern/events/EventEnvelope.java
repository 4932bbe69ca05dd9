package dev.lectern.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The one shape of every message on SQS and every line of the S3 event log.
 *
 * <p>{@code id} is unique per event and is what consumers deduplicate on (delivery is
 * at-least-once); {@code type} names the payload's contract, e.g. {@code behaviour.lesson-viewed};
 * {@code correlationId} ties the event to the request that caused it. The payload stays a JSON
 * tree here so that a consumer can route on {@code type} before it binds a record.
 */
public record EventEnvelope(String id, String type, Instant occurredAt, String correlationId, JsonNode payload) {

    public EventEnvelope {
        requireText(id, "id");
        requireText(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** Binds the payload to its record type. */
    public <T> T payloadAs(Class<T> type) {
        return EventJson.treeToValue(payload, type);
    }

    public static EventEnvelope of(String id, String type, Instant occurredAt, String correlationId, Object payload) {
        return new EventEnvelope(id, type, occurredAt, correlationId, EventJson.valueToTree(payload));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
