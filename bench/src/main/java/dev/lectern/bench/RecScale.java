package dev.lectern.bench;

import dev.lectern.recommend.model.AlsParams;
import dev.lectern.recommend.model.ImplicitAls;
import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.RegressionParams;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code rec-scale}: the similarity job's model building at scale — matrix build, the served
 * neighbours (neighbourhood regression) and ALS on its learner sample, at their default parameters
 * — on synthetic power-law interactions of the given sizes, or
 * end to end (CSV read included) on a real file, several runs in one JVM.
 */
final class RecScale {

    /** A learner's activity: Pareto with this minimum and shape (mean ≈ 15 items). */
    static final double ACTIVITY_MIN = 5;
    static final double ACTIVITY_SHAPE = 1.5;

    private RecScale() {
    }

    /** One measured run; {@code cpu} is the process's CPU seconds over it (on a busy machine, wall time alone overstates the work). */
    record Row(String name, long interactions, int users, int items, double read, double build, double neighbours, double als,
               double total, double cpu, long peakHeap) {
    }

    static int run(String[] argv) throws IOException {
        Args args = new Args(argv, Set.of("--sizes", "--items", "--seed", "--interactions", "--runs"), Set.of());
        long seed = args.number("--seed", 42, Long.MIN_VALUE);
        List<Row> rows = new ArrayList<>();
        RecEval.progress("neighbours %s; ALS %s on at most %,d interactions; %d processors, max heap %,d MB", RegressionParams.DEFAULT,
                AlsParams.DEFAULT, AlsParams.MAX_TRAINING_INTERACTIONS,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (args.string("--interactions", null) != null) {
            Path file = Path.of(args.required("--interactions"));
            if (!Files.isReadable(file)) {
                throw new Args.Usage("cannot read " + file);
            }
            int runs = (int) args.number("--runs", 5, 1);
            for (int run = 1; run <= runs; run++) {
                resetPeaks();
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                Interactions data = Interactions.read(file);
                double read = RecEval.seconds(t0);
                rows.add(measure("run " + run, data.matrix(), read, t0, cpu0));
                RecEval.progress("%s", rows.getLast());
            }
        } else {
            int items = (int) args.number("--items", 100_000, 1);
            for (String size : args.string("--sizes", "1000000,10000000,50000000").split(",")) {
                long n;
                try {
                    n = Long.parseLong(size.strip().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new Args.Usage("--sizes must be whole numbers separated by commas, not \"" + size + "\"");
                }
                if (n < 1 || n > Integer.MAX_VALUE - 8) {
                    throw new Args.Usage("each size must be between 1 and " + (Integer.MAX_VALUE - 8));
                }
                Triples triples = synthetic((int) n, items, seed);
                System.gc();
                resetPeaks();
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                InteractionMatrix matrix = InteractionMatrix.of(triples.users(), items, triples.user(), triples.item(), triples.weight(), (int) n);
                // the generated triples stand for the job's input read from the log: counted in the build's peak, not after
                triples = null;
                rows.add(measure(String.format(Locale.ROOT, "%,d", n), matrix, 0, t0, cpu0));
                RecEval.progress("%s", rows.getLast());
            }
        }
        System.out.println("| data | interactions (distinct pairs) | users | items | read | build | neighbours (regression) | ALS (sample) | total | CPU | peak heap |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %,d MB |%n", r.name(),
                    r.interactions(), r.users(), r.items(), r.read(), r.build(), r.neighbours(), r.als(), r.total(), r.cpu(),
                    r.peakHeap() >> 20);
        }
        StringBuilder json = new StringBuilder("{\"runs\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"%s\",\"interactions\":%d,\"users\":%d,\"items\":%d,\"read_s\":%.3f,\"build_s\":%.3f,"
                            + "\"neighbours_s\":%.3f,\"als_s\":%.3f,\"total_s\":%.3f,\"cpu_s\":%.3f,\"peak_heap_mb\":%d}",
                    r.name(), r.interactions(), r.users(), r.items(), r.read(), r.build(), r.neighbours(), r.als(), r.total(), r.cpu(),
                    r.peakHeap() >> 20));
        }
        System.out.println(json.append("]}"));
        return 0;
    }

    /**
     * Times what the similarity job computes on the matrix — the served neighbours (the
     * neighbourhood regression) and ALS on its learner sample; {@code t0} is when reading (or
     * generating) began.
     */
    private static Row measure(String name, InteractionMatrix matrix, double read, long t0, long cpu0) {
        double build = RecEval.seconds(t0) - read;
        long t1 = System.nanoTime();
        NeighbourhoodRegression.compute(matrix, RegressionParams.DEFAULT);
        double neighbours = RecEval.seconds(t1);
        long t2 = System.nanoTime();
        ImplicitAls.train(matrix.learnerSample(AlsParams.MAX_TRAINING_INTERACTIONS, AlsParams.DEFAULT.seed()), AlsParams.DEFAULT);
        double als = RecEval.seconds(t2);
        return new Row(name, matrix.nonZeros(), matrix.users(), matrix.items(), read, build, neighbours, als, RecEval.seconds(t0),
                (cpuNanos() - cpu0) / 1e9, peakHeap());
    }

    /**
     * {@code n} seeded interactions: learners' activity Pareto-distributed (shape 1.5, at least 5,
     * at most a tenth of the catalogue), items drawn with Zipf popularity of exponent 1
     * (log-uniform rank), ranks shuffled over the item indexes so that popular items are not
     * neighbours in memory.
     */
    record Triples(int users, int[] user, int[] item, float[] weight) {
    }

    static Triples synthetic(int n, int items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] permutation = new int[items];
        for (int i = 0; i < items; i++) {
            permutation[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        int[] user = new int[n];
        int[] item = new int[n];
        float[] weight = new float[n];
        Arrays.fill(weight, 1f);
        double logItems = Math.log(items + 1.0);
        int maxActivity = Math.max(1, items / 10);
        int users = 0;
        for (int count = 0; count < n; users++) {
            double activity = ACTIVITY_MIN * Math.pow(1 - random.nextDouble(), -1 / ACTIVITY_SHAPE);
            int degree = (int) Math.min(n - count, Math.min(maxActivity, Math.ceil(activity)));
            for (int d = 0; d < degree; d++, count++) {
                user[count] = users;
                int rank = (int) Math.min(items - 1, Math.floor(Math.exp(random.nextDouble() * logItems)) - 1);
                item[count] = permutation[rank];
            }
        }
        return new Triples(users, user, item, weight);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The most heap in use (garbage included) since the last reset, sampled every 10 ms by a
     * daemon thread: at most the heap's maximum, unlike the sum of the pools' separate peaks.
     */
    private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void resetPeaks() {
        PEAK.set(0);
    }

    private static long peakHeap() {
        return PEAK.get();
    }
}
