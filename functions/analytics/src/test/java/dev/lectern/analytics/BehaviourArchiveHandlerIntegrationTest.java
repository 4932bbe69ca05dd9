package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.events.EventEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real consumer, invoked with the sample SQS batch, writing to the S3 emulator. */
class BehaviourArchiveHandlerIntegrationTest {

    @Test
    void archivesValidEventsUnderTheirDayAndReportsOnlyTheInvalidMessage() {
        String bucket = AnalyticsTestSupport.freshBucket();
        AnalyticsTestSupport.withBucket(bucket, () -> {
            try (BehaviourArchiveHandler handler = new BehaviourArchiveHandler()) {
                SQSBatchResponse response = handler.handleRequest(AnalyticsTestSupport.sampleBatch(),
                        SimpleLambdaContext.of("req-a1", "behaviour-archiver", 1024, 30));

                assertThat(response.getBatchItemFailures())
                        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .containsExactly("9f2b6a1e-6c1d-4b7e-9a0a-000000000003");
            }
        });

        List<String> keys = AnalyticsTestSupport.keys(bucket, "events/");
        assertThat(keys).singleElement().asString().matches("events/date=2026-11-24/[0-9A-Z]{26}\\.jsonl\\.gz");
        List<EventEnvelope> archived = AnalyticsTestSupport.readAll(bucket, "events/");
        assertThat(archived).extracting(EventEnvelope::id)
                .containsExactly("01JDQ5Z8K3M4N5P6Q7R8S9T0V1", "01JDQ5Z8K3M4N5P6Q7R8S9T0V2");
        assertThat(archived.getFirst().correlationId()).isEqualTo("sample-correlation-0002");
    }

    @Test
    void failsEveryMessageWhenTheBucketIsMissingSoNothingIsLost() {
        AnalyticsTestSupport.withBucket("no-such-bucket-here", () -> {
            try (BehaviourArchiveHandler handler = new BehaviourArchiveHandler()) {
                SQSBatchResponse response = handler.handleRequest(AnalyticsTestSupport.sampleBatch(),
                        SimpleLambdaContext.of("req-a2", "behaviour-archiver", 1024, 30));

                assertThat(response.getBatchItemFailures()).hasSize(3);
            }
        });
    }
}
