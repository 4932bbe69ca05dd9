package dev.lectern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {

    private static String run(int expectedStatus, String... args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            System.setErr(both);
            assertThat(BenchMain.run(args)).isEqualTo(expectedStatus);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownCommandOrBadArgumentsPrintTheUsageAndExitWithTwo() throws Exception {
        assertThat(run(2, "rec-nothing")).contains("unknown command rec-nothing", "usage:");
        assertThat(run(2)).contains("usage:");
        assertThat(run(2, "rec-eval")).contains("--interactions is required");
        assertThat(run(2, "rec-eval", "--interactions", "/nonexistent.csv")).contains("cannot read");
        assertThat(run(2, "rec-scale", "--sizes", "ten")).contains("--sizes must be whole numbers");
        assertThat(run(2, "rec-eval", "--what")).contains("unknown argument --what");
    }

    @Test
    void recEvalEndsWithOneJsonLineOfTheThreeModels(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("user_id,item_id\n");
        for (int u = 0; u < 60; u++) {
            for (int i = 0; i < 6; i++) {
                // two tastes: even learners read a0…, odd learners b0…
                csv.append("u").append(u).append(',').append(u % 2 == 0 ? "a" : "b").append((u + i) % 8).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("interactions.csv"), csv);
        String output = run(0, "rec-eval", "--interactions", file.toString(), "--k", "5");
        String[] lines = output.strip().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("{\"models\":{\"popularity\":{\"hr@5\":").contains("\"itemknn\":{", "\"mf\":{", "\"ndcg@5\":",
                "\"coverage\":", "\"users\":60,\"items\":16}");
    }
}
