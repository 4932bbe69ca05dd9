package dev.lectern.bench;

import java.util.Arrays;

/**
 * The entry point of {@code bench/target/lectern-bench.jar}: {@code rec-eval} (offline evaluation of
 * the recommendation models, docs/recommendations.md), {@code rec-scale} (the similarity job's
 * time and memory, docs/performance.md) and {@code rec-synthetic} (its synthetic data as a CSV file).
 */
public final class BenchMain {

    static final String USAGE = """
            usage: java -jar lectern-bench.jar <command> [options]
              rec-eval  --interactions FILE [--protocol loo|holdout] [--k 10] [--seed 42] [--tune] [--tune-users 10000]
              rec-scale [--sizes 1000000,10000000,50000000] [--items 100000] [--seed 42]
              rec-scale --interactions FILE [--runs 5]
              rec-synthetic --interactions 10000000 [--items 100000] [--seed 42] --out FILE""";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "rec-eval" -> RecEval.run(rest);
                case "rec-scale" -> RecScale.run(rest);
                case "rec-synthetic" -> RecSynthetic.run(rest);
                default -> {
                    System.err.println("unknown command " + args[0]);
                    System.err.println(USAGE);
                    yield 2;
                }
            };
        } catch (Args.Usage e) {
            System.err.println(args[0] + ": " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
    }
}
