package dev.lectern.analytics;

import dev.lectern.events.EventEnvelope;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where the behaviour event log lives in the analytics bucket: JSON Lines, gzip, one prefix per
 * UTC day ({@code events/date=2026-11-24/}), so that a day is one listing and Athena/Glue can
 * read it as a partition.
 */
public final class EventLog {

    public static final String ROOT = "events/";
    public static final String COMPACTED_NAME = "part-compacted.jsonl.gz";

    private EventLog() {
    }

    public static LocalDate dayOf(EventEnvelope event) {
        return event.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public static String partition(LocalDate day) {
        return ROOT + "date=" + day + "/";
    }

    /** One object per archived batch and day, named by a fresh id so retries never overwrite. */
    public static String batchObject(LocalDate day, String objectId) {
        return partition(day) + objectId + ".jsonl.gz";
    }

    public static String compactedObject(LocalDate day) {
        return partition(day) + COMPACTED_NAME;
    }
}
