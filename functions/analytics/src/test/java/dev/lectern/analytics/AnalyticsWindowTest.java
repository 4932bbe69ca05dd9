package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AnalyticsWindowTest {

    @Test
    void theDefaultWindowRecomputesEightDaysAndReadsTwelveWeeksBack() {
        AnalyticsWindow window = new AnalyticsWindow(LocalDate.parse("2026-11-24"), AnalyticsWindow.DEFAULT_DAYS);

        assertThat(window.from()).isEqualTo("2026-11-17");
        assertThat(window.computedDays()).hasSize(8).startsWith(LocalDate.parse("2026-11-17")).endsWith(LocalDate.parse("2026-11-24"));
        // 2026-11-24 is a Tuesday: its week starts on the 23rd, the oldest cohort 11 weeks before
        assertThat(window.retentionFrom()).isEqualTo("2026-09-07");
        assertThat(window.activeFrom()).isEqualTo("2026-10-19");
        assertThat(window.readFrom()).isEqualTo("2026-09-07");
        assertThat(window.readDays()).hasSize(79);
    }

    @Test
    void aLongRerunReadsTheThirtyDaysBeforeItsFirstDay() {
        AnalyticsWindow window = new AnalyticsWindow(LocalDate.parse("2026-11-24"), 120);

        assertThat(window.from()).isEqualTo("2026-07-28");
        assertThat(window.readFrom()).isEqualTo("2026-06-29");
    }

    @Test
    void windowsOutsideOneToOneHundredTwentyDaysAreRefused() {
        assertThatThrownBy(() -> new AnalyticsWindow(LocalDate.parse("2026-11-24"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnalyticsWindow(LocalDate.parse("2026-11-24"), 121)).isInstanceOf(IllegalArgumentException.class);
    }
}
