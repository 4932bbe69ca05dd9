package dev.lectern.analytics;

import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.ScheduleEvent;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Daily: merges one day of the event log into a single object without duplicate events.
 * The day is the one before the scheduled time, or {@code detail.date} for a rerun.
 */
public class EventLogCompactionHandler extends ScheduledHandler {

    @Inject
    EventLogCompaction compaction;

    @Override
    protected Map<String, Object> run(ScheduleEvent event) {
        LocalDate day = dayToCompact(event);
        EventLogCompaction.Result result = compaction.compact(day);
        return Map.of("date", day.toString(), "objectsRead", result.objectsRead(),
                "events", result.events(), "duplicatesDropped", result.duplicatesDropped());
    }

    static LocalDate dayToCompact(ScheduleEvent event) {
        String requested = event.detail().get("date");
        if (requested != null) {
            try {
                // exactly YYYY-MM-DD: LocalDate.parse alone also takes signed years such as +20000-01-01
                if (requested.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                    return LocalDate.parse(requested);
                }
            } catch (DateTimeParseException e) {
                // answered below
            }
            throw new InvalidInput("detail.date must be a date, YYYY-MM-DD");
        }
        if (event.time() == null) {
            throw new InvalidInput("the schedule event has neither time nor detail.date");
        }
        return event.time().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }
}
