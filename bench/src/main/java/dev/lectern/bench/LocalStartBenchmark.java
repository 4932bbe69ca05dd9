package dev.lectern.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Local platform start: {@code java -jar local/target/lectern-local.jar --in-memory} launched
 * fresh, timed until {@code GET /health} first answers 200 (emulators, provisioning, the gateway
 * and the health function's first instance). Usage: {@code LocalStartBenchmark <jar> [launches]}.
 */
public final class LocalStartBenchmark {

    private LocalStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "local/target/lectern-local.jar");
        int launches = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar.toAbsolutePath() + " is missing: ./mvnw package first");
        }
        HttpClient http = HttpClient.newHttpClient();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            int port = freePortBlock();
            long started = System.nanoTime();
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-jar", jar.toString(), "--in-memory", "--port", String.valueOf(port))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                while (true) {
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the platform exited with " + process.exitValue());
                        }
                    }
                    Thread.sleep(20);
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                times.add(millis);
                System.err.printf("launch %d/%d: %d ms to the first 200 from /health%n", i + 1, launches, millis);
            } finally {
                long stopping = System.nanoTime();
                process.destroy();
                process.waitFor();
                System.err.printf("  stopped %d ms after SIGTERM%n", (System.nanoTime() - stopping) / 1_000_000);
            }
        }
        times.sort(Long::compare);
        System.out.printf("local platform, fresh JVM to first /health 200: median %d ms of %d launches (min %d, max %d)%n",
                times.get(times.size() / 2), launches, times.getFirst(), times.getLast());
    }

    private static int freePortBlock() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Math.min(socket.getLocalPort(), 60_000);
        }
    }
}
