package dev.lectern.local;

import dev.lectern.analytics.EventLog;
import dev.lectern.analytics.EventLogStore;
import dev.lectern.events.EventEnvelope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** What the tests find in a platform's S3 event log, read with the analytics context's own store. */
final class EventLogReader {

    private EventLogReader() {
    }

    /** Every event under the prefix; an object compacted away since the listing is skipped (its events are in the compacted one). */
    static List<EventEnvelope> read(LocalPlatform platform, String prefix) {
        var emulators = platform.emulators();
        EventLogStore store = new EventLogStore(emulators.s3(), emulators.resources().config(LocalPlatform.STAGE));
        List<EventEnvelope> events = new ArrayList<>();
        for (String key : store.list(prefix)) {
            try {
                store.read(key, events::add);
            } catch (NoSuchKeyException compacted) {
                // the next look reads its events in the day's compacted object
            }
        }
        return events;
    }

    static List<EventEnvelope> all(LocalPlatform platform) {
        return read(platform, EventLog.ROOT);
    }

    static List<EventEnvelope> day(LocalPlatform platform, LocalDate day) {
        return read(platform, EventLog.partition(day));
    }
}
