package dev.lectern.analytics;

import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a day's objects as one, keeping the first copy of each event id, ordered by time.
 * The compacted object is written before the parts are deleted, and it is itself an input of the
 * next run, so a run cut off anywhere can be repeated and loses nothing.
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

    public Result compact(LocalDate day) {
        String compactedKey = EventLog.compactedObject(day);
        List<String> keys = store.list(EventLog.partition(day));
        if (keys.isEmpty() || keys.equals(List.of(compactedKey))) {
            LOG.info("nothing to compact for {}", day);
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
        store.write(compactedKey, ordered);
        store.delete(keys.stream().filter(k -> !k.equals(compactedKey)).toList());
        Result result = new Result(keys.size(), ordered.size(), seen[0] - ordered.size());
        LOG.info("compacted {}: {}", day, result);
        return result;
    }
}
