package dev.lectern.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** Runs work with stdout teed into a buffer, and returns the EMF lines it printed, parsed. */
public final class EmfCapture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfCapture() {
    }

    public static List<JsonNode> linesOf(Runnable work) {
        return linesAndResult(() -> {
            work.run();
            return null;
        }).lines();
    }

    public record Captured<T>(T result, List<JsonNode> lines) {
    }

    public static synchronized <T> Captured<T> linesAndResult(Supplier<T> work) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = work.get();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = buffer.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                .map(EmfCapture::parse)
                .toList();
        return new Captured<>(result, lines);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
