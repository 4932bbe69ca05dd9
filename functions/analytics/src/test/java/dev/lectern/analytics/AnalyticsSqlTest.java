package dev.lectern.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsSqlTest {

    private static final List<String> FILES = List.of(AnalyticsSql.COURSE_DAILY, AnalyticsSql.COURSE_REVENUE,
            AnalyticsSql.COURSE_FUNNEL, AnalyticsSql.PLATFORM_ACTIVE, AnalyticsSql.RETENTION);

    @Test
    void everyFileIsFilledCompletelyFromAWindowAndATableName() {
        Map<String, String> parameters = AnalyticsSql.parameters(new AnalyticsWindow(LocalDate.parse("2026-11-24"), 2),
                "lectern_prod_analytics.events");
        for (String file : FILES) {
            String sql = AnalyticsSql.render(file, parameters);
            assertThat(sql).as(file).doesNotContain("{{").contains("FROM lectern_prod_analytics.events")
                    // every scan names its days: on Athena that predicate is what prunes the partitions read
                    .contains("\"date\" BETWEEN '");
        }
        assertThat(AnalyticsSql.render(AnalyticsSql.PLATFORM_ACTIVE, parameters)).contains("(VALUES ('2026-11-23'), ('2026-11-24'))");
    }

    @Test
    void aMissingParameterIsAnErrorNotAnEmptyString() {
        assertThatThrownBy(() -> AnalyticsSql.render(AnalyticsSql.COURSE_DAILY, Map.of("events", "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{from}}");
    }
}
