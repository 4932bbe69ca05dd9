package dev.lectern.recommend.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a body over {@code 0..n-1} in chunks on a fixed pool. Each index is handled by exactly one
 * worker and the results are written by index, so the outcome never depends on scheduling.
 */
final class Parallel {

    /** One worker's loop: it takes chunks until none are left, with its own scratch state. */
    interface Worker {
        void run(int from, int to);
    }

    interface WorkerFactory {
        Worker create();
    }

    private Parallel() {
    }

    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static void forChunks(int threads, int n, int chunk, WorkerFactory workers) {
        if (threads <= 1 || n <= chunk) {
            workers.create().run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "lectern-recommend");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    Worker worker = workers.create();
                    for (int from = next.getAndAdd(chunk); from < n; from = next.getAndAdd(chunk)) {
                        worker.run(from, Math.min(n, from + chunk));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
