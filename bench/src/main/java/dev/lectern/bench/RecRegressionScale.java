package dev.lectern.bench;

import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.RegressionParams;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The neighbourhood regression's compute time, like {@code rec-scale} for item similarity (kept
 * apart so as not to change that command's table): end to end on a real file (read, build,
 * compute) or compute alone on synthetic interactions. Run as
 * {@code java -cp lectern-bench.jar dev.lectern.bench.RecRegressionScale (--interactions FILE | --sizes N,…) [--runs R] [--regression K,λ,kept[,M]]}.
 */
public final class RecRegressionScale {

    private RecRegressionScale() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, java.util.Set.of("--interactions", "--sizes", "--items", "--runs", "--regression", "--seed"),
                java.util.Set.of());
        RegressionParams params = RecRegressionTuning.parse(args.string("--regression", null));
        int runs = (int) args.number("--runs", 3, 1);
        RecEval.progress("regression %s; %d processors, max heap %,d MB", params, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        String file = args.string("--interactions", null);
        if (file != null) {
            for (int run = 1; run <= runs; run++) {
                long cpu0 = cpu();
                long t0 = System.nanoTime();
                InteractionMatrix matrix = Interactions.read(Path.of(file)).matrix();
                double read = RecEval.seconds(t0);
                long t1 = System.nanoTime();
                NeighbourhoodRegression.compute(matrix, params);
                double compute = RecEval.seconds(t1);
                System.out.printf(Locale.ROOT, "run %d: read+build %.2f s, regression %.2f s, total %.2f s, CPU %.2f s%n", run, read,
                        compute, RecEval.seconds(t0), (cpu() - cpu0) / 1e9);
            }
        }
        String sizes = args.string("--sizes", null);
        if (sizes != null) {
            int items = (int) args.number("--items", 100_000, 1);
            for (String size : sizes.split(",")) {
                int n = Integer.parseInt(size.strip().replace("_", ""));
                RecScale.Triples t = RecScale.synthetic(n, items, args.number("--seed", 42, Long.MIN_VALUE));
                InteractionMatrix matrix = InteractionMatrix.of(t.users(), items, t.user(), t.item(), t.weight(), n);
                t = null;
                for (int run = 1; run <= runs; run++) {
                    long cpu0 = cpu();
                    long t0 = System.nanoTime();
                    NeighbourhoodRegression.compute(matrix, params);
                    System.out.printf(Locale.ROOT, "%,d interactions, %,d users × %,d items, run %d: regression %.2f s, CPU %.2f s%n",
                            matrix.nonZeros(), matrix.users(), items, run, RecEval.seconds(t0), (cpu() - cpu0) / 1e9);
                }
            }
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
