package dev.lectern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final Behaviour LESSON_DONE = new Behaviour.LessonCompleted("u1", "c1", "l1");

    @Test
    void anEnvelopeSurvivesARoundTripWithItsPayload() {
        EventEnvelope envelope = LESSON_DONE.envelope("01JDQ5Z8K3M4N5P6Q7R8S9T0V1", Instant.parse("2026-11-24T09:15:00.123Z"), "corr-1");

        EventEnvelope back = EventJson.readEnvelope(EventJson.write(envelope));

        // JSON trees compare number node kinds (long vs int), so compare the bound payload instead
        assertThat(back).usingRecursiveComparison().ignoringFields("payload").isEqualTo(envelope);
        assertThat(back.type()).isEqualTo("behaviour.lesson_completed");
        assertThat(BehaviourType.read(back)).isEqualTo(LESSON_DONE);
    }

    @Test
    void timestampsAreWrittenAsIsoUtcStrings() {
        EventEnvelope envelope = EventEnvelope.of("e1", "behaviour.course_viewed",
                Instant.parse("2026-11-24T09:15:00Z"), null, LESSON_DONE);

        assertThat(EventJson.write(envelope)).contains("\"occurredAt\":\"2026-11-24T09:15:00Z\"");
    }

    @Test
    void theSampleBatchBodiesAreEnvelopes() {
        String body = "{\"id\":\"e2\",\"type\":\"behaviour.course_viewed\",\"occurredAt\":\"2026-11-24T09:16:30Z\","
                + "\"payload\":{\"userId\":\"u\",\"courseId\":\"c\",\"source\":\"search\"},\"futureField\":1}";

        EventEnvelope envelope = EventJson.readEnvelope(body);

        assertThat(envelope.correlationId()).isNull();
        assertThat(BehaviourType.read(envelope)).isEqualTo(new Behaviour.CourseViewed("u", null, "c", "search"));
    }

    @Test
    void anEnvelopeWithoutIdOrWithBrokenJsonIsRejectedWithTheEventsOwnException() {
        assertThatThrownBy(() -> EventJson.readEnvelope("{\"type\":\"x\",\"occurredAt\":\"2026-11-24T09:16:30Z\",\"payload\":{}}"))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventJson.readEnvelope("not json")).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void aScheduleEventWithoutDetailHasAnEmptyOne() {
        ScheduleEvent event = EventJson.read("{\"schedule\":\"s\",\"time\":\"2026-11-25T00:15:00Z\"}", ScheduleEvent.class);

        assertThat(event.detail()).isEqualTo(Map.of());
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T00:15:00Z"));
        assertThat(EventJson.read(EventJson.write(event), ScheduleEvent.class)).isEqualTo(event);
    }
}
