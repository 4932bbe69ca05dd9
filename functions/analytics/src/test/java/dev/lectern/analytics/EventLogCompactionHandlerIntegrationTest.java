package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import dev.lectern.events.SampleEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real scheduled function, invoked with the sample schedule event, on a log with redelivered events. */
class EventLogCompactionHandlerIntegrationTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleSchedule() {
        return EventJson.read(SampleEvents.text("event-log-compaction.schedule.json"), Map.class);
    }

    @Test
    void mergesYesterdaysObjectsIntoOneWithoutDuplicates() {
        String bucket = AnalyticsTestSupport.freshBucket();
        AnalyticsTestSupport.withBucket(bucket, () -> {
            try (BehaviourArchiveHandler archiver = new BehaviourArchiveHandler()) {
                // the same batch delivered twice, as at-least-once delivery allows
                archiver.handleRequest(AnalyticsTestSupport.sampleBatch(), SimpleLambdaContext.of("r1", "a", 1024, 30));
                archiver.handleRequest(AnalyticsTestSupport.sampleBatch(), SimpleLambdaContext.of("r2", "a", 1024, 30));
            }
            assertThat(AnalyticsTestSupport.keys(bucket, "events/date=2026-11-24/")).hasSize(2);

            try (EventLogCompactionHandler handler = new EventLogCompactionHandler()) {
                // the sample runs at 2026-11-25T00:15Z and compacts the day before
                Map<String, Object> summary = handler.handleRequest(sampleSchedule(), SimpleLambdaContext.of("r3", "c", 2048, 600));

                assertThat(summary).containsEntry("date", "2026-11-24").containsEntry("objectsRead", 2)
                        .containsEntry("events", 2).containsEntry("duplicatesDropped", 2);
            }
        });

        assertThat(AnalyticsTestSupport.keys(bucket, "events/date=2026-11-24/"))
                .containsExactly("events/date=2026-11-24/part-compacted.jsonl.gz");
        List<EventEnvelope> events = AnalyticsTestSupport.readAll(bucket, "events/date=2026-11-24/");
        assertThat(events).extracting(EventEnvelope::id)
                .containsExactly("01JDQ5Z8K3M4N5P6Q7R8S9T0V1", "01JDQ5Z8K3M4N5P6Q7R8S9T0V2");
    }

    @Test
    void aRerunOfACompactedDayChangesNothing() {
        String bucket = AnalyticsTestSupport.freshBucket();
        AnalyticsTestSupport.withBucket(bucket, () -> {
            try (BehaviourArchiveHandler archiver = new BehaviourArchiveHandler();
                 EventLogCompactionHandler handler = new EventLogCompactionHandler()) {
                archiver.handleRequest(AnalyticsTestSupport.sampleBatch(), SimpleLambdaContext.of("r1", "a", 1024, 30));
                Map<String, Object> rerun = Map.of("schedule", "event-log-compaction", "detail", Map.of("date", "2026-11-24"));
                handler.handleRequest(rerun, SimpleLambdaContext.of("r2", "c", 2048, 600));

                Map<String, Object> again = handler.handleRequest(rerun, SimpleLambdaContext.of("r3", "c", 2048, 600));

                assertThat(again).containsEntry("objectsRead", 1).containsEntry("events", 0);
            }
        });
        assertThat(AnalyticsTestSupport.readAll(bucket, "events/date=2026-11-24/")).hasSize(2);
    }
}
