package dev.lectern.analytics;

import dev.lectern.core.sql.DuckDb;

import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a day's objects as one, keeping the first copy of each event id, ordered by time, and
 * writes the same events as the day's Parquet file ({@link EventParquet}), which is what SQL reads.
 * The JSON Lines stay the log of record: they are the input of the next run (events that arrive
 * after their day was compacted are new objects in the day's prefix, merged by the next run, which
 * also rewrites the Parquet file), and they keep every field of the envelope as it was sent.
 * The compacted object is written before the Parquet file and before the parts are deleted, so a
 * run cut off anywhere can be repeated and loses nothing; the Parquet file is replaced whole.
 */
@Singleton
public class EventLogCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogCompaction.class);

    public record Result(int objectsRead, int events, int duplicatesDropped) {
    }

    private final EventLogStore store;

    public EventLogCompaction(EventLogStore store) {
        this.store = store;
    }

    /**
     * Compacts the day if it has objects not yet merged, or has no Parquet file yet (a day compacted
     * before the Parquet form existed); otherwise reads nothing.
     */
    public Result compact(LocalDate day) {
        String compactedKey = EventLog.compactedObject(day);
        List<String> keys = store.list(EventLog.partition(day));
        boolean merged = keys.isEmpty() || keys.equals(List.of(compactedKey));
        if (merged && (keys.isEmpty() || !store.list(EventParquet.partition(day)).isEmpty())) {
            LOG.debug("nothing to compact for {}", day);
            return new Result(keys.size(), 0, 0);
        }
        Map<String, EventEnvelope> unique = new LinkedHashMap<>();
        int[] seen = {0};
        for (String key : keys) {
            store.read(key, event -> {
                seen[0]++;
                unique.putIfAbsent(event.id(), event);
            });
        }
        List<EventEnvelope> ordered = unique.values().stream()
                .sorted(Comparator.comparing(EventEnvelope::occurredAt).thenComparing(EventEnvelope::id)).toList();
        if (!merged) {
            store.write(compactedKey, ordered);
        }
        try (DuckDb db = DuckDb.open()) {
            Path file = db.workDirectory().resolve(EventParquet.FILE_NAME);
            EventParquet.write(db, ordered, file);
            store.upload(EventParquet.key(day), file, "application/vnd.apache.parquet");
        }
        store.delete(keys.stream().filter(k -> !k.equals(compactedKey)).toList());
        Result result = new Result(keys.size(), ordered.size(), seen[0] - ordered.size());
        LOG.info("compacted {}: {}", day, result);
        return result;
    }
}
