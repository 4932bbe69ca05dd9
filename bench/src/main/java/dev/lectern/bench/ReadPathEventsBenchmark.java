package dev.lectern.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a read-path behaviour event adds to a request: the local platform
 * ({@code java -jar local/target/lectern-local.jar --in-memory --seed}) answers warm
 * {@code GET /courses/{courseId}} requests, alternately without a device id (no event is sent) and
 * with {@code Lectern-Device-Id} (a {@code course_viewed} is sent to the behaviour queue, the request
 * waiting at most {@code LECTERN_BEHAVIOUR_WAIT_MILLIS}), in the same run; median and p99 of each,
 * per round. Usage: {@code ReadPathEventsBenchmark <jar> [rounds] [requestsPerVariantPerRound]}.
 */
public final class ReadPathEventsBenchmark {

    private ReadPathEventsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "local/target/lectern-local.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar.toAbsolutePath() + " is missing: ./mvnw package first");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = Math.min(socket.getLocalPort(), 60_000);
        }
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString(), "--in-memory", "--seed", "--port", String.valueOf(port))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitHealth(http, base, process);
            Matcher id = Pattern.compile("\"id\":\"([0-9A-Z]{26})\"").matcher(get(http, base + "/courses?limit=1", false).body());
            if (!id.find()) {
                throw new IllegalStateException("the seeded catalog has no course");
            }
            String course = base + "/courses/" + id.group(1);
            for (int i = 0; i < 500; i++) {
                get(http, course, i % 2 == 0);
            }
            for (int round = 1; round <= rounds; round++) {
                double[] without = new double[requests];
                double[] with = new double[requests];
                for (int i = 0; i < requests; i++) {
                    without[i] = timed(http, course, false);
                    with[i] = timed(http, course, true);
                }
                Arrays.sort(without);
                Arrays.sort(with);
                System.out.printf("round %d: without event median %.2f ms p99 %.2f ms | with course_viewed median %.2f ms p99 %.2f ms"
                                + " | added median %.2f ms%n", round, without[requests / 2], without[requests * 99 / 100],
                        with[requests / 2], with[requests * 99 / 100], with[requests / 2] - without[requests / 2]);
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static double timed(HttpClient http, String url, boolean device) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(http, url, device);
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return millis;
    }

    private static HttpResponse<String> get(HttpClient http, String url, boolean device) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (device) {
            request.header("Lectern-Device-Id", "bench-device-0001");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitHealth(HttpClient http, String base, Process process) throws Exception {
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the platform exited with " + process.exitValue());
                }
            }
            Thread.sleep(50);
        }
    }
}
