package dev.lectern.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON form of the event contracts: ISO-8601 instants, unknown fields tolerated (a newer
 * producer may add fields; an older consumer must still read the event).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one event; {@link InvalidEventException} when the text is not a valid envelope. */
    public static EventEnvelope readEnvelope(String json) {
        return read(json, EventEnvelope.class);
    }

    /**
     * The events of one message: a single envelope, or a JSON array of envelopes (producers that
     * emit several events at once send them as one message).
     */
    public static List<EventEnvelope> readEnvelopes(String json) {
        String text = json.stripLeading();
        if (text.startsWith("[")) {
            List<EventEnvelope> events = Arrays.asList(read(text, EventEnvelope[].class));
            if (events.isEmpty() || events.contains(null)) {
                throw new InvalidEventException("an event array must hold at least one envelope and no nulls", null);
            }
            return events;
        }
        return List.of(readEnvelope(json));
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static <T> T treeToValue(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("payload is not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
