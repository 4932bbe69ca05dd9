package dev.lectern.core.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.Json;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.ids.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opaque page cursors for Queries, bound to the query that made them. A cursor is the Query's
 * last evaluated key; before it goes back to DynamoDB as a start key, every attribute must be
 * one the query's keys have and match the shape the query expects (its partition values exactly,
 * its sort keys by pattern), so a cursor of another list, another course or a hand-made one is a
 * 400, never a DynamoDB error. Nothing in a cursor is secret: it only moves a reader within a list
 * it may read anyway.
 */
public final class Cursors {

    /** A ULID. */
    public static final String ID = Ids.PATTERN;
    /** A fixed-width UTC timestamp as sort keys hold it: {@code 2026-11-25T12:00:00.000Z}. */
    public static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static final int MAX_CURSOR_LENGTH = 1024;

    private Cursors() {
    }

    public static String encode(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> lastEvaluatedKey) {
        Map<String, String> plain = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The start key a cursor names, or null without one; 400 naming {@code cursor} when it is not
     * a cursor of this query.
     *
     * @param shapes for each key attribute of the query (table and index keys), the pattern its
     *               value must match ({@link #exactly} for fixed values)
     */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> decode(String cursor,
                                                                                                 Map<String, String> shapes) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw invalid();
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
        if (node == null || !node.isObject() || node.size() != shapes.size()) {
            throw invalid();
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = new HashMap<>();
        for (var shape : shapes.entrySet()) {
            JsonNode value = node.get(shape.getKey());
            if (value == null || !value.isTextual() || !Pattern.matches(shape.getValue(), value.asText())) {
                throw invalid();
            }
            key.put(shape.getKey(), Items.s(value.asText()));
        }
        return key;
    }

    /** A pattern that matches this value and nothing else. */
    public static String exactly(String value) {
        return Pattern.quote(value);
    }

    private static ProblemException invalid() {
        return ProblemException.validation(List.of(new FieldError("cursor", "is not a cursor of this list; start without one")));
    }
}
