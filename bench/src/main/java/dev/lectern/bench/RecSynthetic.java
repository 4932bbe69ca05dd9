package dev.lectern.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Writes {@code rec-scale}'s synthetic power-law interactions as a {@code user_id,item_id} CSV, so
 * that other engines (the Spark job's side-by-side benchmark) read exactly the data the function
 * job's figures were measured on: {@code rec-synthetic --interactions 10000000 [--items 100000] [--seed 42] --out FILE}.
 */
final class RecSynthetic {

    private RecSynthetic() {
    }

    static int run(String[] argv) throws IOException {
        Args args = new Args(argv, Set.of("--interactions", "--items", "--seed", "--out"), Set.of());
        int n = (int) args.number("--interactions", 10_000_000, 1);
        int items = (int) args.number("--items", 100_000, 1);
        Path out = Path.of(args.required("--out"));
        RecScale.Triples t = RecScale.synthetic(n, items, args.number("--seed", 42, Long.MIN_VALUE));
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            writer.write("user_id,item_id\n");
            for (int i = 0; i < n; i++) {
                writer.write(Integer.toString(t.user()[i]));
                writer.write(',');
                writer.write(Integer.toString(t.item()[i]));
                writer.write('\n');
            }
        }
        System.out.printf("%,d interactions of %,d users × %,d items in %s%n", n, t.users(), items, out);
        return 0;
    }
}
