package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.EventJson;
import dev.lectern.events.SampleEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real scheduled function with the sample schedule event; the aggregates themselves are checked by AnalyticsEnd2EndTest. */
class AnalyticsDailyHandlerIntegrationTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleSchedule() {
        return EventJson.read(SampleEvents.text("analytics-daily.schedule.json"), Map.class);
    }

    @Test
    void theScheduledRunComputesTheEightDaysToYesterdayAndReportsWhatItDid() {
        String bucket = AnalyticsTestSupport.freshBucket();
        AnalyticsTestSupport.withBucket(bucket, () -> {
            try (AnalyticsDailyHandler handler = new AnalyticsDailyHandler()) {
                // the sample runs at 2026-11-25T01:00Z; the log is empty: nothing to compact, read or write
                Map<String, Object> summary = handler.handleRequest(sampleSchedule(), SimpleLambdaContext.of("r1", "d", 3008, 900));

                assertThat(summary).containsEntry("date", "2026-11-24").containsEntry("from", "2026-11-17")
                        .containsEntry("to", "2026-11-24").containsEntry("readFrom", "2026-09-07")
                        .containsEntry("daysCompacted", 0).containsEntry("parquetFiles", 0).containsEntry("itemsWritten", 0)
                        .containsKey("millis");
            }
        });
    }

    @Test
    void aRerunWindowMustBeOneToOneHundredTwentyDays() {
        try (AnalyticsDailyHandler handler = new AnalyticsDailyHandler()) {
            for (String days : new String[] {"0", "121", "a week"}) {
                Map<String, Object> rerun = Map.of("schedule", "analytics-daily", "detail", Map.of("date", "2026-11-24", "days", days));
                assertThatThrownBy(() -> handler.handleRequest(rerun, SimpleLambdaContext.of("r", "d", 3008, 900)))
                        .as(days).isInstanceOf(ScheduledHandler.InvalidInput.class);
            }
        }
    }
}
