package dev.lectern.core.routes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A query-string parameter a route reads, as the OpenAPI document declares it. The schema states
 * what the handler enforces (bounds, values, shape), so that a client generated from the document
 * sends what the route accepts; the local fuzz suite sends every bound, every value and one past
 * each, so a declaration that drifts from its handler fails there.
 *
 * @param schema JSON Schema keywords of the value, in the order the document shows them
 */
public record QueryParameter(String name, boolean required, String description, Map<String, Object> schema) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public QueryParameter {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a query parameter is named by letters and digits: " + name);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("query parameter " + name + " needs a description");
        }
        schema = Collections.unmodifiableMap(new LinkedHashMap<>(schema));
    }

    /** A whole number from {@code minimum} to {@code maximum}, both included (an int, as {@code QueryParameters} reads it). */
    public static QueryParameter integer(String name, int minimum, int maximum, String description) {
        return new QueryParameter(name, false, description, schema("type", "integer", "minimum", minimum, "maximum", maximum));
    }

    /** One of {@code values}. */
    public static QueryParameter enumeration(String name, List<String> values, String description) {
        return new QueryParameter(name, false, description, schema("type", "string", "enum", List.copyOf(values)));
    }

    /** Any text: a filter compared as it is, or an opaque cursor. */
    public static QueryParameter string(String name, String description) {
        return new QueryParameter(name, false, description, schema("type", "string"));
    }

    /** Text of {@code minLength} to {@code maxLength} characters. */
    public static QueryParameter text(String name, int minLength, int maxLength, String description) {
        return new QueryParameter(name, false, description, schema("type", "string", "minLength", minLength, "maxLength", maxLength));
    }

    /**
     * Text that {@code regex} matches as a whole, as the handler checks it ({@code Matcher.matches});
     * the regex must mean the same in JSON Schema's dialect (ECMA-262), as plain classes and groups do.
     */
    public static QueryParameter matching(String name, String regex, String description) {
        return new QueryParameter(name, false, description, schema("type", "string", "pattern", "^(?:" + regex + ")$"));
    }

    /** A calendar day, {@code YYYY-MM-DD}. */
    public static QueryParameter date(String name, String description) {
        return new QueryParameter(name, false, description, schema("type", "string", "format", "date"));
    }

    /** The opaque cursor of a paged list. */
    public static QueryParameter cursor() {
        return string("cursor", "The previous page's nextCursor (a cursor of another list is refused); without it, the first page");
    }

    /** The value the handler uses when the parameter is absent. */
    public QueryParameter withDefault(Object value) {
        Map<String, Object> withDefault = new LinkedHashMap<>(schema);
        withDefault.put("default", Objects.requireNonNull(value, "default"));
        return new QueryParameter(name, required, description, withDefault);
    }

    /** A request without it is refused. */
    public QueryParameter asRequired() {
        return new QueryParameter(name, true, description, schema);
    }

    private static Map<String, Object> schema(Object... keywordsAndValues) {
        Map<String, Object> schema = new LinkedHashMap<>();
        for (int i = 0; i < keywordsAndValues.length; i += 2) {
            schema.put((String) keywordsAndValues[i], keywordsAndValues[i + 1]);
        }
        return schema;
    }
}
