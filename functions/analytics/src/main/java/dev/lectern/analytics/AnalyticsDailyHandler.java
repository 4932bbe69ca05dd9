package dev.lectern.analytics;

import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.ScheduleEvent;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Daily: the analytics aggregates of the last {@value AnalyticsWindow#DEFAULT_DAYS} days up to
 * yesterday ({@link DailyAnalytics}). {@code detail.date} reruns another day; {@code detail.days}
 * (a string, 1–{@value AnalyticsWindow#MAX_DAYS}) recomputes a longer window ending on it.
 */
public class AnalyticsDailyHandler extends ScheduledHandler {

    @Inject
    DailyAnalytics analytics;

    @Override
    protected Map<String, Object> run(ScheduleEvent event) {
        LocalDate date = EventLogCompactionHandler.dayToCompact(event);
        DailyAnalytics.Summary summary = analytics.run(new AnalyticsWindow(date, days(event)));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("date", date.toString());
        output.put("from", summary.from());
        output.put("to", summary.to());
        output.put("readFrom", summary.readFrom());
        output.put("daysCompacted", summary.daysCompacted());
        output.put("eventsCompacted", summary.eventsCompacted());
        output.put("parquetFiles", summary.parquetFiles());
        output.put("courseDays", summary.courseDays());
        output.put("platformDays", summary.platformDays());
        output.put("cohorts", summary.cohorts());
        output.put("itemsWritten", summary.itemsWritten());
        output.put("millis", summary.millis());
        return output;
    }

    static int days(ScheduleEvent event) {
        String days = event.detail().get("days");
        if (days == null) {
            return AnalyticsWindow.DEFAULT_DAYS;
        }
        // plain ASCII digits only: Integer.parseInt would also take "+8" and other scripts' digits
        if (days.matches("[0-9]{1,3}")) {
            int n = Integer.parseInt(days);
            if (n >= 1 && n <= AnalyticsWindow.MAX_DAYS) {
                return n;
            }
        }
        throw new InvalidInput("detail.days must be a number from 1 to " + AnalyticsWindow.MAX_DAYS);
    }
}
