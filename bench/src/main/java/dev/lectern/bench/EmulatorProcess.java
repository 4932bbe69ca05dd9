package dev.lectern.bench;

import dev.lectern.core.http.Json;
import dev.lectern.local.emulators.Emulators;
import dev.lectern.local.emulators.LocalResources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulators (DynamoDB Local, ElasticMQ, S3Proxy) in a JVM of their own, for a benchmark that
 * times functions: on AWS the storage is another service, so here it gets its own heap, garbage
 * collector and compiler (the full tiered JIT, where the functions' JVM stops at C1 as Lambda
 * does), instead of sharing the functions'. The child prints its resources as one JSON line and
 * runs until its standard input closes, which happens when the benchmark ends, however it ends.
 */
public final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final LocalResources resources;

    private EmulatorProcess(Process process, LocalResources resources) {
        this.process = process;
        this.resources = resources;
    }

    /** Starts the child on this JVM's class path and waits until its emulators answer. */
    public static EmulatorProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                EmulatorProcess.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the emulator process ended before it started (exit " + waitFor(process) + ")");
        }
        return new EmulatorProcess(process, Json.mapper().readValue(line, LocalResources.class));
    }

    public LocalResources resources() {
        return resources;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroy();
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The child: start, say where (the one line on standard output), wait for the end of standard input, stop. */
    public static void main(String[] args) {
        PrintStream parent = System.out;
        // the emulators' own output goes to standard error: nothing reads standard output after the first line
        System.setOut(System.err);
        int status = 0;
        try (Emulators emulators = Emulators.start(Emulators.Options.forTests())) {
            parent.println(Json.write(emulators.resources()));
            parent.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            System.err.println("emulator process: " + e);
            status = 1;
        }
        // DynamoDB Local leaves a non-daemon thread behind after it stops
        System.exit(status);
    }
}
