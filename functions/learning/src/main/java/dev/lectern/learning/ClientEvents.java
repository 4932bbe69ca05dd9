package dev.lectern.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.Text;
import dev.lectern.events.Behaviour;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventJson;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Client events against their contracts: each event of {@code POST /events} against
 * {@code schemas/client-event.json} (its type one that clients may send, its ids, its props per
 * type), its time within the accepted window and its text free of control characters; then the
 * behaviour it becomes against that type's schema ({@code schemas/behaviour/<type>.json}), the
 * contract of the event log. The schemas come from the events module's resources, compiled once per
 * function instance (at init, inside the SnapStart snapshot).
 */
@Singleton
public class ClientEvents {

    /** An event may be this far ahead of the server's clock (clients' clocks drift). */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** And at most this old: a client that was offline sends what it kept, within a week. */
    static final Duration MAX_AGE = Duration.ofDays(7);

    /** One event: valid, or what is wrong with it (field paths relative to the event, e.g. {@code props.query}). */
    record Checked(Behaviour behaviour, Instant occurredAt, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Schema clientEvent;
    private final Map<BehaviourType, Schema> behaviours = new EnumMap<>(BehaviourType.class);
    private final String clientTypes;

    public ClientEvents() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        this.clientEvent = registry.getSchema(resource("/schemas/client-event.json"));
        for (BehaviourType type : BehaviourType.values()) {
            behaviours.put(type, registry.getSchema(resource(type.schemaResource())));
        }
        this.clientTypes = Arrays.stream(BehaviourType.values()).filter(BehaviourType::clientMaySend).map(BehaviourType::typeName)
                .collect(Collectors.joining(", "));
    }

    /**
     * Checks one event sent by {@code userId} (null: anonymous) from {@code deviceId} (null: not
     * named) and makes its behaviour record.
     */
    Checked check(JsonNode event, String userId, String deviceId, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual()) {
            errors.add(new FieldError("type", type == null ? "is required" : "must be a string"));
            return new Checked(null, null, errors);
        }
        BehaviourType behaviourType = BehaviourType.named(type.asText()).orElse(null);
        if (behaviourType == null) {
            errors.add(new FieldError("type", "is not an event type clients send (" + clientTypes + ")"));
            return new Checked(null, null, errors);
        }
        if (!behaviourType.clientMaySend()) {
            errors.add(new FieldError("type", type.asText() + " is produced by the server, with the change it records; clients send "
                    + clientTypes));
            return new Checked(null, null, errors);
        }
        controls(event, "", errors);
        if (!errors.isEmpty()) {
            return new Checked(null, null, errors);
        }
        for (Error error : clientEvent.validate(event)) {
            add(errors, fieldOf(error), messageOf(error));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, null, errors);
        }
        Instant occurredAt = instant(event.get("occurredAt").asText());
        if (occurredAt == null) {
            // RFC 3339 admits what java.time does not read: a lower-case t or z, a leap second
            errors.add(new FieldError("occurredAt", "must be a date-time such as 2026-11-28T09:15:00Z (upper-case T and Z, no leap second)"));
            return new Checked(null, null, errors);
        }
        if (occurredAt.isAfter(now.plus(MAX_AHEAD)) || occurredAt.isBefore(now.minus(MAX_AGE))) {
            errors.add(new FieldError("occurredAt", "must be within the last 7 days and at most 5 minutes ahead of the server's clock ("
                    + now + ")"));
            return new Checked(null, null, errors);
        }
        Behaviour behaviour = behaviour(behaviourType, event, userId, deviceId);
        for (Error error : behaviours.get(behaviourType).validate(EventJson.mapper().<JsonNode>valueToTree(behaviour))) {
            // what the client sent is the event's; only the caller's device id can break the log's contract here
            add(errors, fieldOf(error).equals("deviceId") ? "deviceId" : fieldOf(error), messageOf(error));
        }
        return new Checked(errors.isEmpty() ? behaviour : null, occurredAt, errors);
    }

    /** An RFC 3339 time with {@code Z} or an offset; null when java.time cannot read it. */
    private static Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Behaviour behaviour(BehaviourType type, JsonNode event, String userId, String deviceId) {
        JsonNode props = event.path("props");
        String courseId = event.hasNonNull("courseId") ? event.get("courseId").asText() : null;
        return switch (type) {
            case COURSE_VIEWED -> new Behaviour.CourseViewed(userId, deviceId, courseId, text(props, "source"));
            case SEARCH_PERFORMED -> new Behaviour.SearchPerformed(userId, deviceId, text(props, "query"), props.get("resultCount").asInt());
            case RECOMMENDATION_CLICKED -> new Behaviour.RecommendationClicked(userId, deviceId, courseId, text(props, "modelVersion"),
                    text(props, "reason"), props.get("position").asInt());
            default -> throw new IllegalArgumentException(type + " is not sent by clients");
        };
    }

    /** A string prop, NFC-normalised as every text the API takes; null when absent. */
    private static String text(JsonNode props, String name) {
        JsonNode value = props.get(name);
        return value == null || value.isNull() ? null : Text.normalize(value.asText());
    }

    /** Text with control characters other than tab and line breaks, anywhere in the event: the API takes none. */
    private static void controls(JsonNode node, String path, List<FieldError> errors) {
        if (node instanceof TextNode text && Text.hasForbiddenControls(text.asText())) {
            errors.add(new FieldError(path, "must not contain control characters"));
        } else if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (Text.hasForbiddenControls(field.getKey())) {
                    errors.add(new FieldError(path.isEmpty() ? "event" : path, "has a field name with control characters"));
                } else {
                    controls(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), errors);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                controls(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** The field an error is about, as a dotted path inside the event: {@code props.query}. */
    static String fieldOf(Error error) {
        StringBuilder field = new StringBuilder();
        var location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(element);
            }
        }
        String keyword = error.getKeyword();
        if (error.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(error.getProperty());
        }
        return field.isEmpty() ? "event" : field.toString();
    }

    /** A sentence for the client, in the API's words (the validator's own message names its paths and keywords). */
    static String messageOf(Error error) {
        JsonNode schema = error.getSchemaNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            case "false" -> "is not a field of this event type";
            case "type" -> "must be " + article(schema == null ? "" : schema.asText(schema.toString()));
            case "enum", "const" -> "must be one of " + (schema == null ? "the allowed values" : schema.toString());
            case "pattern" -> "does not have the expected form";
            case "format" -> "must be an RFC 3339 date-time, e.g. 2026-11-28T09:15:00Z";
            case "minLength" -> "must be at least " + (schema == null ? "" : schema.asText()) + " characters long";
            case "maxLength" -> "must be at most " + (schema == null ? "" : schema.asText()) + " characters long";
            case "minimum" -> "must be at least " + (schema == null ? "" : schema.asText());
            case "maximum" -> "must be at most " + (schema == null ? "" : schema.asText());
            default -> "is not valid";
        };
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "integer" -> "a whole number";
            case "object" -> "an object";
            case "array" -> "an array";
            case "boolean" -> "true or false";
            case "" -> "of another type";
            default -> "a " + jsonType;
        };
    }

    private static void add(List<FieldError> errors, String field, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new FieldError(field, message));
        }
    }

    private static JsonNode resource(String name) {
        try (InputStream in = ClientEvents.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + name + " on the classpath (the events module carries them)");
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
