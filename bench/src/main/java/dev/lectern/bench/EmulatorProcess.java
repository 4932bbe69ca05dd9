package dev.lectern.bench;

import dev.lectern.core.http.Json;
import dev.lectern.local.emulators.Emulators;
import dev.lectern.local.emulators.LocalResources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The emulators (DynamoDB Local, ElasticMQ, S3Proxy) in a JVM of their own, for a benchmark that
 * times functions: on AWS the storage is another service, so here it gets its own heap, garbage
 * collector and compiler (the full tiered JIT, where the functions' JVM stops at C1 as Lambda
 * does), instead of sharing the functions'. The child prints its resources as one JSON line and
 * runs until its standard input closes, which happens when the benchmark ends, however it ends.
 */
public final class EmulatorProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(1);

    private final Process process;
    private final LocalResources resources;

    private EmulatorProcess(Process process, LocalResources resources) {
        this.process = process;
        this.resources = resources;
    }

    /** Starts the child on this JVM's class path and waits (at most a minute) until its emulators answer. */
    public static EmulatorProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                EmulatorProcess.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(STARTUP.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the emulator process ended before it started");
            }
            return new EmulatorProcess(process, Json.mapper().readValue(line, LocalResources.class));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the emulator process did not start within " + STARTUP.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the emulator process started", e);
        }
    }

    public LocalResources resources() {
        return resources;
    }

    /** Closes the child's standard input, which stops it; one that has not ended within 10 s is killed. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child: start, say where (the one line on standard output), wait for the end of standard input, stop. */
    public static void main(String[] args) {
        PrintStream parent = System.out;
        // the emulators' own output goes to standard error: nothing reads standard output after the first line
        System.setOut(System.err);
        int status = 1;
        try (Emulators emulators = Emulators.start(Emulators.Options.forTests())) {
            parent.println(Json.write(emulators.resources()));
            parent.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
            status = 0;
        } catch (Throwable e) {
            System.err.println("emulator process: " + e);
        } finally {
            // DynamoDB Local leaves a non-daemon thread behind after it stops
            System.exit(status);
        }
    }
}
