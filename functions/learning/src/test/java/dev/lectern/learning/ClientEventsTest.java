package dev.lectern.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.Json;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventJson;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class ClientEventsTest {

    private static final ClientEvents EVENTS = new ClientEvents();
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final String COURSE = "01JDQ5Y0000000000000000C01";
    private static final String USER = "01JDQ5Y0000000000000000001";

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void eachClientTypeBecomesItsBehaviour() throws Exception {
        assertThat(EVENTS.check(json("{\"type\":\"course_viewed\",\"courseId\":\"" + COURSE + "\",\"occurredAt\":\"2026-11-28T09:59:00Z\","
                + "\"props\":{\"source\":\"search\"}}"), null, "device-0001", NOW).behaviour())
                .isEqualTo(new Behaviour.CourseViewed(null, "device-0001", COURSE, "search"));
        assertThat(EVENTS.check(json("{\"type\":\"search_performed\",\"occurredAt\":\"2026-11-28T10:59:00+01:00\","
                + "\"props\":{\"query\":\"Cafe\\u0301\",\"resultCount\":3}}"), USER, null, NOW).behaviour())
                .as("an offset time, NFC text").isEqualTo(new Behaviour.SearchPerformed(USER, null, "Café", 3));
        ClientEvents.Checked click = EVENTS.check(json("{\"type\":\"recommendation_clicked\",\"courseId\":\"" + COURSE + "\","
                + "\"occurredAt\":\"2026-11-28T09:00:00Z\",\"props\":{\"modelVersion\":\"m-1\",\"position\":0}}"), USER, null, NOW);
        assertThat(click.behaviour()).isEqualTo(new Behaviour.RecommendationClicked(USER, null, COURSE, "m-1", null, 0));
        assertThat(click.occurredAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    }

    @Test
    void problemsAreNamedByFieldInsideTheEvent() throws Exception {
        ClientEvents.Checked checked = EVENTS.check(json("{\"type\":\"search_performed\",\"courseId\":\"" + COURSE + "\","
                + "\"occurredAt\":\"2026-11-28T09:59:00Z\",\"props\":{\"query\":\"\",\"resultCount\":-1,\"extra\":true}}"), null, "device-0001", NOW);

        assertThat(checked.valid()).isFalse();
        assertThat(checked.errors()).extracting(FieldError::field)
                .contains("courseId", "props.query", "props.resultCount", "props.extra");
        assertThat(checked.errors()).filteredOn(e -> e.field().equals("props.resultCount")).extracting(FieldError::message)
                .containsExactly("must be at least 0");
        assertThat(EVENTS.check(json("{\"type\":\"search_performed\",\"occurredAt\":\"2026-11-28T09:59:00Z\",\"props\":{\"resultCount\":1}}"),
                null, "device-0001", NOW).errors()).containsExactly(new FieldError("props.query", "is required"));
        assertThat(EVENTS.check(json("{\"type\":\"course_viewed\",\"courseId\":\"nope\",\"occurredAt\":\"yesterday\"}"), null, "device-0001", NOW)
                .errors()).extracting(FieldError::field).containsExactlyInAnyOrder("courseId", "occurredAt");
        assertThat(EVENTS.check(json("{\"type\":\"course_viewed\",\"courseId\":7,\"occurredAt\":\"2026-11-28T09:59:00Z\"}"), null, "d-000001", NOW)
                .errors()).containsExactly(new FieldError("courseId", "must be a string"));
    }

    @Test
    void serverTypesUnknownTypesTimesAndControlsAreRefused() throws Exception {
        assertThat(EVENTS.check(json("{\"type\":\"lesson_completed\",\"occurredAt\":\"2026-11-28T09:59:00Z\"}"), USER, null, NOW).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.message()).contains("produced by the server");
                });
        assertThat(EVENTS.check(json("{\"type\":\"page_scrolled\",\"occurredAt\":\"2026-11-28T09:59:00Z\"}"), USER, null, NOW).errors())
                .extracting(FieldError::field).containsExactly("type");
        assertThat(EVENTS.check(json("{\"occurredAt\":\"2026-11-28T09:59:00Z\"}"), USER, null, NOW).errors())
                .containsExactly(new FieldError("type", "is required"));
        String search = "{\"type\":\"search_performed\",\"occurredAt\":\"%s\",\"props\":{\"query\":\"%s\",\"resultCount\":1}}";
        assertThat(EVENTS.check(json(search.formatted("2026-11-28T10:06:00Z", "q")), USER, null, NOW).errors())
                .extracting(FieldError::field).as("6 minutes ahead").containsExactly("occurredAt");
        assertThat(EVENTS.check(json(search.formatted("2026-11-28T10:04:59Z", "q")), USER, null, NOW).valid()).isTrue();
        assertThat(EVENTS.check(json(search.formatted("2026-11-21T09:59:00Z", "q")), USER, null, NOW).errors())
                .extracting(FieldError::field).as("over 7 days old").containsExactly("occurredAt");
        assertThat(EVENTS.check(json(search.formatted("2026-11-28t09:59:00z", "q")), USER, null, NOW).valid())
                .as("RFC 3339 admits lower case").isTrue();
        assertThat(EVENTS.check(json(search.formatted("2026-11-28T09:59:61Z", "q")), USER, null, NOW).errors())
                .extracting(FieldError::field).containsExactly("occurredAt");
        assertThat(EVENTS.check(json(search.formatted("2026-11-28T09:59:00Z", "a\\u0000b")), USER, null, NOW).errors())
                .containsExactly(new FieldError("props.query", "must not contain control characters"));
    }

    /** The OpenAPI document shows clients the schema the server checks against: the same one. */
    @Test
    void theDocumentedClientEventIsTheEventsModulesSchema() throws Exception {
        JsonNode documented;
        try (InputStream in = ClientEventsTest.class.getResourceAsStream("/openapi/learning.json")) {
            documented = Json.mapper().readTree(in).get("ClientEvent").deepCopy();
        }
        JsonNode contract;
        try (InputStream in = ClientEventsTest.class.getResourceAsStream("/schemas/client-event.json")) {
            contract = EventJson.mapper().readTree(in);
        }
        ObjectNode expected = contract.deepCopy();
        expected.remove("$schema");
        expected.remove("$id");
        expected.remove("title");
        expected.remove("description");
        ((ObjectNode) documented).remove("description");
        for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertThat(documented.get(name)).as(name).isEqualTo(expected.get(name));
        }
        assertThat(documented.size()).isEqualTo(expected.size());
    }
}
