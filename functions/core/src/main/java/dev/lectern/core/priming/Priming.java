package dev.lectern.core.priming;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: each function registers, at init, the work its first real request would
 * otherwise do (class loading and linking of the JSON, HTTP, signing and handler paths; a TLS
 * connection to DynamoDB; the JWT key set), and the snapshot is taken after that work ran. On a
 * JVM without CRaC (locally, in tests) nothing calls the hooks; {@link #prime(String)} runs them
 * the way a checkpoint would, so benchmarks can measure the restored function's first invoke.
 *
 * <p>A primer that throws an exception is logged and the snapshot is taken anyway, only colder.
 * An {@link Error} (a class missing from the jar, say) is not caught: it fails the publication of
 * the version, as it should, since that function could not serve either.
 *
 * <p>CRaC holds resources weakly, and so does this class: the handler keeps its primer
 * ({@link #register} returns it), so a closed handler's primer goes with it.
 */
public final class Priming {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final List<WeakReference<Primer>> PRIMERS = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /**
     * Registers {@code work} to run before the snapshot of function {@code functionId} is taken;
     * the caller keeps the returned resource for as long as the work should stay registered.
     */
    public static Resource register(String functionId, Runnable work) {
        Primer primer = new Primer(functionId, work);
        PRIMERS.removeIf(ref -> ref.get() == null);
        PRIMERS.add(new WeakReference<>(primer));
        Core.getGlobalContext().register(primer);
        return primer;
    }

    /** A closed handler's primer: no snapshot should run it. */
    public static void deregister(Resource primer) {
        PRIMERS.removeIf(ref -> ref.get() == null || ref.get() == primer);
    }

    /**
     * What a checkpoint runs, for the live handlers of one function: on a JVM without CRaC,
     * benchmarks and tests call this where the snapshot would be taken.
     *
     * @return how many primers ran, and how many of them failed
     */
    public static Result prime(String functionId) {
        int ran = 0;
        int failed = 0;
        for (WeakReference<Primer> ref : PRIMERS) {
            Primer primer = ref.get();
            if (primer != null && primer.functionId().equals(functionId)) {
                ran++;
                failed += primer.prime() ? 0 : 1;
            }
        }
        return new Result(ran, failed);
    }

    public record Result(int ran, int failed) {
    }

    private record Primer(String functionId, Runnable work) implements Resource {

        boolean prime() {
            long started = System.nanoTime();
            try {
                work.run();
                LOG.info("primed {} in {} ms", functionId, (System.nanoTime() - started) / 1_000_000);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("priming {} incomplete: {}", functionId, e.toString());
                return false;
            }
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            prime();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // nothing to redo: the SDK's HTTP client opens new connections when restored ones fail
        }
    }
}
