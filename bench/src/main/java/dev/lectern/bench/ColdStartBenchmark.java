package dev.lectern.bench;

import dev.lectern.local.emulators.Emulators;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Cold start, fresh JVM to first response, of the real {@code GET /health} handler (Micronaut)
 * beside {@link PlainHealthHandler} making the same DynamoDB call, and the real handler's first
 * invoke after SnapStart priming beside its warm invoke; launches alternate on the same machine
 * in the same run against one DynamoDB Local. Every JVM runs from the platform context's Lambda
 * jar (what AWS runs) plus the probe's classes. Prints medians and each run's ratios as Markdown
 * for docs/performance.md. Usage: {@code ColdStartBenchmark [launches]}.
 */
public final class ColdStartBenchmark {

    private static final String LECTERN = "Lectern HealthHandler (Micronaut)";
    private static final String PLAIN = "plain Java handler, same GetItem";
    private static final String PRIMED = "Lectern HealthHandler, primed";
    private static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();
    /** What the probe JVMs print on standard error, for when one fails. */
    private static final Path PROBE_ERRORS = Path.of("target", "cold-start-probes.log");

    static {
        VARIANTS.put(PLAIN, List.of("dev.lectern.bench.PlainHealthHandler"));
        VARIANTS.put(LECTERN, List.of("dev.lectern.platform.HealthHandler"));
        VARIANTS.put(PRIMED, List.of("dev.lectern.platform.HealthHandler", "primed"));
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (Emulators emulators = Emulators.start(Emulators.Options.forTests())) {
            Map<String, String> env = emulators.resources().sharedEnvironment("bench");
            boolean appCds = Boolean.getBoolean("bench.appcds");
            // AppCDS archives only jars: the probe's classes are packed into one when it is asked for
            String classpath = appCds ? jarredDirectories(lambdaClasspath()) : lambdaClasspath();
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            VARIANTS.keySet().forEach(k -> results.put(k, new ArrayList<>()));
            Map<String, List<String>> archives = archives(appCds, env, classpath);
            for (int i = 0; i < launches; i++) {
                for (var variant : VARIANTS.entrySet()) {
                    double[] sample = launch(variant.getValue(), archives.get(variant.getKey()), env, classpath);
                    results.get(variant.getKey()).add(sample);
                    System.err.printf("launch %d/%d %s: %s%n", i + 1, launches, variant.getKey(), Arrays.toString(sample));
                }
            }
            System.out.println("| handler | JVM start → main | init (ms) | priming (ms) | first invoke (ms) | fresh JVM → first response (ms) | warm invoke (ms) |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            results.forEach((name, samples) -> System.out.printf("| %s | %.0f | %.0f | %s | %.0f | %.0f | %.2f |%n", name,
                    median(samples, 0), median(samples, 1), name.equals(PRIMED) ? String.format("%.0f", median(samples, 5)) : "–",
                    median(samples, 2), freshJvmToFirstResponse(samples), median(samples, 3)));
            double coldRatio = freshJvmToFirstResponse(results.get(LECTERN)) / freshJvmToFirstResponse(results.get(PLAIN));
            double primedRatio = median(results.get(PRIMED), 2) / median(results.get(PRIMED), 3);
            System.out.printf("%ncold start, fresh JVM → first response, Lectern / plain: %.2f×%n", coldRatio);
            System.out.printf("first invoke after init + priming / warm invoke (Lectern, primed): %.2f×%n", primedRatio);
            System.out.printf("%nparsing the sample event (the runtime's work, not counted above): median %.0f ms%n",
                    median(results.values().stream().flatMap(List::stream).toList(), 4));
            System.out.printf("%nmedians of %d launches each, %d cores, %s %s%n", launches,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        }
        // DynamoDB Local leaves a non-daemon thread behind after it stops
        System.exit(0);
    }

    /** The platform context's Lambda jar, this module's classes (the probe, the plain handler) and the event parser. */
    private static String lambdaClasspath() throws IOException {
        Path target = Path.of("..", "functions", "platform", "target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no platform Lambda jar in " + target.toAbsolutePath() + ": ./mvnw package first"));
        }
        List<String> entries = new ArrayList<>(List.of(jar.toAbsolutePath().toString()));
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("lectern-bench") || e.endsWith("bench" + File.separator + "target" + File.separator + "classes")
                        || e.contains("aws-lambda-java-serialization"))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /** The class path with each directory replaced by a jar of its files (written under target/cds). */
    private static String jarredDirectories(String classpath) throws IOException {
        List<String> entries = new ArrayList<>();
        Path folder = Files.createDirectories(Path.of("target", "cds"));
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = folder.resolve("classes-" + entries.size() + ".jar").toAbsolutePath();
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new java.util.jar.JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * With {@code -Dbench.appcds=true}, each variant gets its own AppCDS archive, written by one
     * untimed training launch of that variant ({@code -XX:ArchiveClassesAtExit}), and every timed
     * launch maps it ({@code -XX:SharedArchiveFile}); otherwise no JVM option is added.
     */
    private static Map<String, List<String>> archives(boolean appCds, Map<String, String> env, String classpath)
            throws IOException, InterruptedException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        if (!appCds) {
            VARIANTS.keySet().forEach(variant -> options.put(variant, List.of()));
            return options;
        }
        Path folder = Files.createDirectories(Path.of("target", "cds"));
        int n = 0;
        for (var variant : VARIANTS.entrySet()) {
            Path archive = folder.resolve("variant-" + n++ + ".jsa").toAbsolutePath();
            Files.deleteIfExists(archive);
            launch(variant.getValue(), List.of("-XX:ArchiveClassesAtExit=" + archive), env, classpath);
            if (!Files.exists(archive)) {
                throw new IllegalStateException("the training launch of " + variant.getKey() + " wrote no archive; see " + PROBE_ERRORS.toAbsolutePath());
            }
            System.err.printf("AppCDS archive for %s: %,d bytes%n", variant.getKey(), Files.size(archive));
            options.put(variant.getKey(), List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        }
        return options;
    }

    private static double[] launch(List<String> handler, List<String> jvmOptions, Map<String, String> env, String classpath)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        env.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dlectern.log.level=WARN");
        // e.g. -Dbench.jvmArgs="-XX:SharedArchiveFile=..." to try a JVM option on every variant alike
        String extra = System.getProperty("bench.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName()));
        command.addAll(handler);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(PROBE_ERRORS.toFile())).start();
        String line = null;
        List<String> jvmOutput = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // read to the end: a JVM whose standard output is closed early fails if it logs there at exit
            for (String next = out.readLine(); next != null; next = out.readLine()) {
                // the probe prints one line of figures; anything else is the JVM's (CDS, say)
                if (line == null && next.matches("[0-9. ]+")) {
                    line = next;
                } else {
                    jvmOutput.add(next);
                }
            }
        }
        if (process.waitFor() != 0 || line == null) {
            throw new IllegalStateException(handler + " probe failed; see " + PROBE_ERRORS.toAbsolutePath() + "; its output: " + jvmOutput);
        }
        System.err.printf("  process took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** JVM start → main, init and first invoke (priming, where there is any, is not part of it). */
    private static double freshJvmToFirstResponse(List<double[]> samples) {
        return median(samples.stream().map(s -> new double[] {s[0] + s[1] + s[2]}).toList(), 0);
    }

    private static double median(List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
