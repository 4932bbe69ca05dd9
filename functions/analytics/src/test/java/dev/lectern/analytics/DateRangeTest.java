package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.http.ProblemException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-28");

    @Test
    void withoutDatesTheThirtyDaysToYesterday() {
        DateRange range = DateRange.of(Map.of(), TODAY);

        assertThat(range.from()).isEqualTo("2026-10-29");
        assertThat(range.to()).isEqualTo("2026-11-27");
        assertThat(range.days()).hasSize(30);
    }

    @Test
    void aFromAloneRunsThirtyDaysOrToYesterday() {
        assertThat(DateRange.of(Map.of("from", "2026-01-01"), TODAY).to()).isEqualTo("2026-01-30");
        assertThat(DateRange.of(Map.of("from", "2026-11-20"), TODAY).to()).isEqualTo("2026-11-27");
        assertThat(DateRange.of(Map.of("to", "2026-02-28"), TODAY).from()).isEqualTo("2026-01-30");
    }

    @Test
    void aYearAndADayIsTheLongestRange() {
        assertThat(DateRange.of(Map.of("from", "2024-01-01", "to", "2024-12-31"), TODAY).days()).hasSize(366);
        assertThatThrownBy(() -> DateRange.of(Map.of("from", "2025-01-01", "to", "2026-01-02"), TODAY))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void badDatesAndReversedRangesAreValidationProblems() {
        for (Map<String, String> query : java.util.List.of(Map.of("from", "2026-02-30"), Map.of("to", "26-01-01"),
                Map.of("from", "2026-01-01T00:00Z"), Map.of("from", "2026-11-02", "to", "2026-11-01"), Map.of("to", " 2026-01-01"))) {
            assertThatThrownBy(() -> DateRange.of(query, TODAY)).as(query.toString())
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        }
    }
}
