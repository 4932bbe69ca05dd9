package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.ScheduleEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a rerun may ask of the daily jobs: {@code detail.date} exactly YYYY-MM-DD, {@code detail.days} plain digits in range. */
class ScheduleDetailTest {

    private static ScheduleEvent event(Map<String, String> detail) {
        return new ScheduleEvent("analytics-daily", Instant.parse("2026-11-28T01:00:00Z"), detail);
    }

    @Test
    void aDateIsYesterdayOrExactlyTheOneAskedFor() {
        assertThat(EventLogCompactionHandler.dayToCompact(event(Map.of()))).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(EventLogCompactionHandler.dayToCompact(event(Map.of("date", "2026-02-03")))).isEqualTo(LocalDate.parse("2026-02-03"));
        for (String bad : new String[] {"+20000-01-01", "2026-2-3", "2026-02-30", "yesterday", " 2026-02-03"}) {
            assertThatThrownBy(() -> EventLogCompactionHandler.dayToCompact(event(Map.of("date", bad)))).as(bad)
                    .isInstanceOf(ScheduledHandler.InvalidInput.class);
        }
    }

    @Test
    void daysArePlainDigitsWithinTheWindowsLimit() {
        assertThat(AnalyticsDailyHandler.days(event(Map.of()))).isEqualTo(AnalyticsWindow.DEFAULT_DAYS);
        assertThat(AnalyticsDailyHandler.days(event(Map.of("days", "30")))).isEqualTo(30);
        for (String bad : new String[] {"+8", "٨", "0", "121", "-1", "8.0", ""}) {
            assertThatThrownBy(() -> AnalyticsDailyHandler.days(event(Map.of("days", bad)))).as(bad)
                    .isInstanceOf(ScheduledHandler.InvalidInput.class);
        }
    }
}
