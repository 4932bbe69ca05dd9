package dev.lectern.analytics;

import dev.lectern.local.emulators.SharedEmulators;
import java.time.LocalDate;
import java.time.Instant;
import dev.lectern.events.Behaviour;
import dev.lectern.core.config.LecternConfig;
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

    @Test
    void writesTheDaysParquetFileAndRewritesItWhenLateEventsArrive() throws Exception {
        String bucket = AnalyticsTestSupport.freshBucket();
        Map<String, Object> rerun = Map.of("schedule", "event-log-compaction", "detail", Map.of("date", "2026-11-24"));
        AnalyticsTestSupport.withBucket(bucket, () -> {
            try (BehaviourArchiveHandler archiver = new BehaviourArchiveHandler();
                 EventLogCompactionHandler handler = new EventLogCompactionHandler()) {
                archiver.handleRequest(AnalyticsTestSupport.sampleBatch(), SimpleLambdaContext.of("r1", "a", 1024, 30));
                handler.handleRequest(rerun, SimpleLambdaContext.of("r2", "c", 2048, 600));
            }
        });
        assertThat(parquetRows(bucket)).containsExactly(
                "01JDQ5Z8K3M4N5P6Q7R8S9T0V1 lesson_completed 01JDQ5Y0000000000000000001",
                "01JDQ5Z8K3M4N5P6Q7R8S9T0V2 course_viewed 01JDQ5Y0000000000000000002");

        // a late event of the same day, after its compaction, and a copy of one already compacted
        AnalyticsTestSupport.withBucket(bucket, () -> {
            Map<String, String> env = SharedEmulators.get().resources().sharedEnvironment(SharedEmulators.STAGE);
            EventLogStore store = new EventLogStore(SharedEmulators.get().s3(), LecternConfig.from(
                    name -> LecternConfig.ANALYTICS_BUCKET.equals(name) ? bucket : env.get(name)));
            List<EventEnvelope> compacted = AnalyticsTestSupport.readAll(bucket, "events/date=2026-11-24/");
            EventEnvelope late = new Behaviour.Enrolled("01JDQ5Z8K3M4N5P6Q7R8S9T0AA", "01JDQ5Z8K3M4N5P6Q7R8S9T0CC", "free")
                    .envelope("01JDQ5Z8K3M4N5P6Q7R8S9T0V3", Instant.parse("2026-11-24T23:59:59Z"), "late");
            store.write(EventLog.batchObject(LocalDate.parse("2026-11-24"), "late"), List.of(late, compacted.get(0)));
            try (EventLogCompactionHandler handler = new EventLogCompactionHandler()) {
                Map<String, Object> summary = handler.handleRequest(rerun, SimpleLambdaContext.of("r3", "c", 2048, 600));
                assertThat(summary).containsEntry("events", 3).containsEntry("duplicatesDropped", 1);
            }
        });
        assertThat(parquetRows(bucket)).hasSize(3).last().asString().startsWith("01JDQ5Z8K3M4N5P6Q7R8S9T0V3 enrolled");
    }

    /** The day's Parquet file, read back with DuckDB: id, type and user id of each row, in file order. */
    private static List<String> parquetRows(String bucket) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("events", ".parquet");
        java.nio.file.Files.delete(file);
        SharedEmulators.get().s3().getObject(b -> b.bucket(bucket).key("events-parquet/date=2026-11-24/events.parquet"), file);
        List<String> rows = new java.util.ArrayList<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement statement = db.createStatement();
             java.sql.ResultSet result = statement.executeQuery("SELECT id, type, user_id FROM read_parquet('" + file + "')")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        return rows;
    }
}
