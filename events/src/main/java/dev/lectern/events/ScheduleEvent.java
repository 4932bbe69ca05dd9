package dev.lectern.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * What EventBridge Scheduler (or the local scheduler) passes to a scheduled function.
 *
 * @param schedule the catalog name of the schedule
 * @param time     the scheduled time of this run (Scheduler fills in {@code <aws.scheduler.scheduled-time>})
 * @param detail   optional arguments, e.g. {@code {"date":"2026-11-24"}} for an on-demand rerun
 */
public record ScheduleEvent(
        @JsonProperty("schedule") String schedule,
        @JsonProperty("time") Instant time,
        @JsonProperty("detail") Map<String, String> detail) {

    public ScheduleEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
