package dev.lectern.bench;

import dev.lectern.local.emulators.Emulators;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start, fresh JVM to first response, of the real {@code GET /health} handler (Micronaut)
 * beside {@link PlainHealthHandler} making the same DynamoDB call, alternating launches of the
 * two on the same machine in the same run against one DynamoDB Local. Prints medians as a
 * Markdown table for docs/performance.md. Usage: {@code ColdStartBenchmark [launches]}.
 */
public final class ColdStartBenchmark {

    private static final Map<String, String> VARIANTS = Map.of(
            "Micronaut HealthHandler (Lectern)", "dev.lectern.platform.HealthHandler",
            "plain Java handler, same GetItem", "dev.lectern.bench.PlainHealthHandler");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (Emulators emulators = Emulators.start(Emulators.Options.forTests())) {
            Map<String, String> env = emulators.resources().sharedEnvironment("bench");
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            VARIANTS.keySet().forEach(k -> results.put(k, new ArrayList<>()));
            for (int i = 0; i < launches; i++) {
                for (var variant : VARIANTS.entrySet()) {
                    double[] sample = launch(variant.getValue(), env);
                    results.get(variant.getKey()).add(sample);
                    System.err.printf("launch %d/%d %s: %s%n", i + 1, launches, variant.getKey(), Arrays.toString(sample));
                }
            }
            System.out.println("| handler | JVM start → main | init (ms) | first invoke (ms) | fresh JVM → first response (ms) | warm invoke (ms) |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            results.forEach((name, samples) -> System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f | %.2f |%n", name,
                    median(samples, 0), median(samples, 1), median(samples, 2),
                    median(samples.stream().map(s -> new double[] {s[0] + s[1] + s[2]}).toList(), 0), median(samples, 3)));
            System.out.printf("%nparsing the sample event (the runtime's work, not counted above): median %.0f ms%n",
                    median(results.values().stream().flatMap(List::stream).toList(), 4));
            System.out.printf("%nmedians of %d launches each, %d cores, %s %s%n", launches,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        }
        // DynamoDB Local leaves a non-daemon thread behind after it stops
        System.exit(0);
    }

    private static double[] launch(String handler, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        env.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dlectern.log.level=WARN");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), handler));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        if (process.waitFor() != 0 || line == null) {
            throw new IllegalStateException(handler + " probe failed");
        }
        System.err.printf("  process took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double median(List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
