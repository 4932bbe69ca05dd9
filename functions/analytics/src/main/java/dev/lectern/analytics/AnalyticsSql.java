package dev.lectern.analytics;

import dev.lectern.core.sql.SqlFiles;
import java.util.Map;

/**
 * The analytics queries, kept as SQL files ({@code src/main/resources/sql}) in the dialect DuckDB
 * and Athena (Trino) share, so that the same text runs embedded and on Athena. Their parameters are
 * {@code {{name}}} placeholders filled here with values this code made (dates it formatted, the
 * table expression): never with anything a caller sent.
 */
final class AnalyticsSql {

    static final String COURSE_DAILY = "course_daily";
    static final String COURSE_REVENUE = "course_revenue";
    static final String COURSE_FUNNEL = "course_funnel";
    static final String PLATFORM_ACTIVE = "platform_active";
    static final String RETENTION = "retention";

    private AnalyticsSql() {
    }

    /** The file's text with every placeholder filled ({@link SqlFiles}). */
    static String render(String name, Map<String, String> parameters) {
        return SqlFiles.render("/sql/" + name + ".sql", parameters);
    }

    /** The parameters of a window; {@code events} is the engine's table expression. */
    static Map<String, String> parameters(AnalyticsWindow window, String events) {
        StringBuilder days = new StringBuilder();
        for (var day : window.computedDays()) {
            days.append(days.isEmpty() ? "" : ", ").append("('").append(day).append("')");
        }
        return Map.of("events", events, "from", window.from().toString(), "to", window.to().toString(),
                "activeFrom", window.activeFrom().toString(), "retentionFrom", window.retentionFrom().toString(),
                "days", days.toString());
    }
}
