package dev.lectern.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private AnalyticsSql() {
    }

    static String text(String name) {
        try (InputStream in = AnalyticsSql.class.getResourceAsStream("/sql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("no SQL file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text with every placeholder filled; a placeholder without a value is an error, not an empty string. */
    static String render(String name, Map<String, String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(text(name));
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + ".sql needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(sql, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(sql);
        return sql.toString();
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
