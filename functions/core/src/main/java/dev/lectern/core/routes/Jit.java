package dev.lectern.core.routes;

/**
 * How far a function's JVM compiles its hot code: what its {@code JAVA_TOOL_OPTIONS} says on AWS.
 * Lambda's {@code java21} runtime stops at C1 by default, and so does every function here unless
 * its entry says otherwise. The local platform runs all functions in one JVM with the JDK's
 * defaults.
 */
public enum Jit {

    /** C1 only: the quickest start and first invoke, for requests of milliseconds (AWS's advice). */
    QUICK_START("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
    /**
     * Every tier, up to C2: for a job whose loops run for seconds. C1 neither unrolls nor
     * vectorises them: the similarity job's model build takes several times as long under C1
     * (docs/performance.md, "The similarity job").
     */
    THROUGHPUT("-XX:+TieredCompilation -XX:TieredStopAtLevel=4");

    private final String javaToolOptions;

    Jit(String javaToolOptions) {
        this.javaToolOptions = javaToolOptions;
    }

    public String javaToolOptions() {
        return javaToolOptions;
    }
}
