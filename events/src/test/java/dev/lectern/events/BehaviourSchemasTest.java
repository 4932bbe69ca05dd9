package dev.lectern.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour records, their JSON schemas ({@code schemas/behaviour/<type>.json}) and their
 * samples ({@code samples/behaviour/<type>.json}) cannot drift apart: every sample's payload
 * validates against its type's schema and binds to its record, and the record written back to
 * JSON validates too (every schema requires each property it names and admits no other, so a
 * component added to a record or a property added to a schema fails here). The client event
 * schema of {@code POST /events} names exactly the types clients may send.
 */
class BehaviourSchemasTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    static JsonNode resource(String name) {
        try (InputStream in = BehaviourSchemasTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schema(BehaviourType type) {
        return REGISTRY.getSchema(resource(type.schemaResource()));
    }

    @TestFactory
    Stream<DynamicTest> everyTypesSampleValidatesAndItsRecordWritesValidJson() {
        return Arrays.stream(BehaviourType.values()).map(type -> DynamicTest.dynamicTest(type.typeName(), () -> {
            Schema schema = schema(type);
            EventEnvelope sample = EventJson.readEnvelope(EventJson.write(resource("/samples/behaviour/" + type.typeName() + ".json")));

            assertThat(sample.type()).isEqualTo(type.envelopeType());
            assertThat(schema.validate(sample.payload())).as("the sample's payload against " + type.schemaResource()).isEmpty();
            Behaviour record = BehaviourType.read(sample);
            assertThat(record).isInstanceOf(type.record());
            JsonNode written = EventJson.mapper().readTree(EventJson.write(record));
            assertThat(schema.validate(written)).as("the record written as JSON").isEmpty();
            assertThat(propertyNames(written)).isEqualTo(componentNames(type.record()));
            assertThat(EventJson.mapper().readTree(EventJson.write(record.envelope(sample.id(), sample.occurredAt(),
                    sample.correlationId()))).get("payload")).as("the envelope carries the record as written").isEqualTo(written);
        }));
    }

    @Test
    void eachSchemaRequiresEveryPropertyItNamesAndAdmitsNoOther() {
        for (BehaviourType type : BehaviourType.values()) {
            JsonNode schema = resource(type.schemaResource());
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(type + " additionalProperties").isFalse();
            Set<String> required = new TreeSet<>();
            schema.get("required").forEach(n -> required.add(n.asText()));
            assertThat(required).as(type.typeName()).isEqualTo(propertyNames(schema.get("properties")))
                    .isEqualTo(componentNames(type.record()));
        }
    }

    @Test
    void theClientEventSchemaNamesExactlyTheTypesClientsMaySendAndItsExamplesValidate() {
        JsonNode clientEvent = resource("/schemas/client-event.json");
        Set<String> named = new TreeSet<>();
        clientEvent.at("/properties/type/enum").forEach(n -> named.add(n.asText()));
        Set<String> clientTypes = Arrays.stream(BehaviourType.values()).filter(BehaviourType::clientMaySend)
                .map(BehaviourType::typeName).collect(Collectors.toCollection(TreeSet::new));

        assertThat(named).isEqualTo(clientTypes);
        Schema schema = REGISTRY.getSchema(clientEvent);
        assertThat(clientEvent.get("examples")).hasSameSizeAs(clientTypes);
        clientEvent.get("examples").forEach(example -> assertThat(schema.validate(example)).as(example.toString()).isEmpty());
        JsonNode serverType = EventJson.mapper().createObjectNode().put("type", "lesson_completed").put("occurredAt", "2026-11-28T09:15:00Z");
        assertThat(schema.validate(serverType)).isNotEmpty();
    }

    @Test
    void aPayloadOutsideItsSchemaIsRefused() {
        Schema progress = schema(BehaviourType.LESSON_PROGRESS);
        JsonNode valid = EventJson.mapper().valueToTree(new Behaviour.LessonProgress("01JDQ5Y0000000000000000001",
                "01JDQ5Y0000000000000000C01", "01JDQ5Y0000000000000000N01", 30, 120));

        assertThat(progress.validate(valid)).isEmpty();
        assertThat(progress.validate(((com.fasterxml.jackson.databind.node.ObjectNode) valid.deepCopy()).put("seconds", -1))).isNotEmpty();
        assertThat(progress.validate(((com.fasterxml.jackson.databind.node.ObjectNode) valid.deepCopy()).put("userId", "demo-learner-1")))
                .isNotEmpty();
        assertThat(progress.validate(((com.fasterxml.jackson.databind.node.ObjectNode) valid.deepCopy()).put("extra", 1))).isNotEmpty();
        assertThat(progress.validate(((com.fasterxml.jackson.databind.node.ObjectNode) valid.deepCopy()).without("lessonId"))).isNotEmpty();
    }

    @Test
    void theSampleBehaviourBatchCarriesValidPayloads() {
        JsonNode batch = resource("/samples/behaviour-batch.sqs.json");
        int checked = 0;
        for (JsonNode record : batch.get("Records")) {
            List<EventEnvelope> events;
            try {
                events = EventJson.readEnvelopes(record.get("body").asText());
            } catch (InvalidEventException poison) {
                continue; // the sample's poison message, on purpose
            }
            for (EventEnvelope event : events) {
                BehaviourType type = BehaviourType.ofEnvelope(event).orElseThrow();
                assertThat(schema(type).validate(event.payload())).as(event.id()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    private static Set<String> propertyNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
    }
}
