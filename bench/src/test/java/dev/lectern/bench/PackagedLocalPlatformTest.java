package dev.lectern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The packaged local platform ({@code local/target/lectern-local.jar}, what README's run command
 * starts) answers a route of every library a context needs at run time: the module tests run on
 * Maven's test classpath, which also holds test-scoped jars, so a dependency the shaded jar lacks
 * shows only here. This module builds after the local platform's jar is packaged.
 */
class PackagedLocalPlatformTest {

    private static final Path JAR = Path.of("..", "local", "target", "lectern-local.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int freePortBlock() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Math.min(socket.getLocalPort(), 60_000);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePackagedJarServesClientEventsAndTheOpenApiDocument() throws Exception {
        assertThat(JAR).as("./mvnw package builds it before this module's tests").isRegularFile();
        int port = freePortBlock();
        Path log = Files.createTempFile("lectern-local", ".log");
        Process platform = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-jar", JAR.toString(), "--in-memory", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (true) {
                try {
                    if (send(HttpRequest.newBuilder(URI.create(base + "/health")).build()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    assertThat(platform.isAlive()).as("the platform is running: %s", log).isTrue();
                }
                assertThat(Instant.now()).as("the platform answers /health within 120 s: %s", log).isBefore(deadline);
                Thread.sleep(100);
            }
            String event = "{\"events\":[{\"type\":\"course_viewed\",\"courseId\":\"01JDQ5Y0000000000000000C01\","
                    + "\"occurredAt\":\"" + Instant.now() + "\",\"props\":{\"source\":\"catalog\"}}]}";
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(base + "/events"))
                    .header("Content-Type", "application/json").header("Lectern-Device-Id", "packaged-jar-test")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build());

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build()).statusCode()).isEqualTo(200);
        } finally {
            platform.destroy();
            platform.waitFor();
        }
    }
}
