package dev.lectern.recommend;

import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model version a serving function answers from. Loaded at init (so a SnapStart snapshot holds
 * it); the pointer is looked at again at most every {@link #CHECK_INTERVAL} (every
 * {@link #FIRST_VERSION_CHECK_INTERVAL} while there is none) and, after a snapshot
 * is restored, on the first request (the snapshot may be days older than the pointer). A new
 * version is loaded on a background thread while requests go on with the current one, so no
 * request waits for a download; a failed check keeps the current version and tries again later.
 */
@Singleton
public class ModelHolder {

    static final Duration CHECK_INTERVAL = Duration.ofMinutes(5);
    /** Before the first version exists, the pointer is looked for more often: a new stage serves the first run at once. */
    static final Duration FIRST_VERSION_CHECK_INTERVAL = Duration.ofSeconds(10);
    /** What serving answers from before the first job run: no courses, so recommendations fall back to trending. */
    static final RecommendModel NONE = new RecommendModel("none", Instant.EPOCH, new String[0], new String[0], new int[0],
            new String[0], new int[0], new String[0], new int[0][], new float[0], new Neighbours(0, 0, new int[0], new float[0]),
            new Factors(0, 0, new float[0], 0, new float[0]));

    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

    private final ModelStore store;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final Resource afterRestore = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            checkedAt = Instant.EPOCH;
        }
    };
    private volatile RecommendModel current;
    private volatile Instant checkedAt;

    @Inject
    public ModelHolder(ModelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.checkedAt = clock.instant();
        this.current = NONE;
        // a function that cannot read the bucket at init still serves (trending) and tries again on its first request
        refreshOrRetry();
        Core.getGlobalContext().register(afterRestore);
    }

    private void refreshOrRetry() {
        if (refresh() == NONE) {
            checkedAt = Instant.EPOCH;
        }
    }

    /** The current version; starts a background check of the pointer when one is due. */
    public RecommendModel current() {
        Duration interval = current == NONE ? FIRST_VERSION_CHECK_INTERVAL : CHECK_INTERVAL;
        if (checkedAt.plus(interval).isBefore(clock.instant()) && checking.compareAndSet(false, true)) {
            Thread.ofVirtual().name("model-check").start(() -> {
                try {
                    refresh();
                } finally {
                    checking.set(false);
                }
            });
        }
        return current;
    }

    /** Follows the pointer now and loads the version it names if it is not the current one. */
    public RecommendModel refresh() {
        checkedAt = clock.instant();
        try {
            store.pointer().filter(p -> !p.version().equals(current.version)).ifPresent(p -> {
                current = store.load(p);
                LOG.info("recommendation model {} loaded ({} courses)", p.version(), current.courses());
            });
        } catch (RuntimeException e) {
            LOG.warn("recommendation model check failed, keeping {}: {}", current.version, e.toString());
        }
        return current;
    }
}
