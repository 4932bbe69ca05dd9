package dev.lectern.bench;

import dev.lectern.identity.PasswordHasher;
import java.util.Arrays;

/**
 * The cost of one Argon2id hash with Lectern's parameters (what register, login and delete pay
 * once per call), single-threaded as in a Lambda invocation, with Lambda's C1-only JIT flag.
 * Prints the first (cold) hash and the median of 21 after it.
 */
public final class PasswordHashBenchmark {

    private PasswordHashBenchmark() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash("correct horse battery");
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] times = new double[21];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            if (!hasher.verify("correct horse battery", hash)) {
                throw new IllegalStateException("verification failed");
            }
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf("Argon2id m=%d KiB t=%d p=%d: first (incl. the decoy hash at init) %.0f ms, then median %.0f ms (min %.0f, max %.0f) of %d%n",
                PasswordHasher.OWASP.memoryKib(), PasswordHasher.OWASP.iterations(), PasswordHasher.OWASP.parallelism(),
                cold, times[times.length / 2], times[0], times[times.length - 1], times.length);
    }
}
