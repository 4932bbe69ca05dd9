package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void defaultsMatchTheReadme() {
        LocalPlatform.Options options = Main.parse(List.of());

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.dataDir()).isEqualTo(Path.of(".lectern-data"));
        assertThat(options.inMemory()).isFalse();
        assertThat(options.seed()).isFalse();
    }

    @Test
    void readsEveryOption() {
        LocalPlatform.Options options = Main.parse(List.of("--port", "9000", "--data-dir", "/tmp/x", "--in-memory", "--seed"));

        assertThat(options).isEqualTo(new LocalPlatform.Options(9000, Path.of("/tmp/x"), true, true, 0));
        assertThat(Main.parse(List.of("--help"))).isNull();
    }

    @Test
    void refusesUnknownOptionsAndBadValuesWithAReason() {
        assertThatThrownBy(() -> Main.parse(List.of("--prot", "1"))).hasMessageContaining("unknown option --prot");
        assertThatThrownBy(() -> Main.parse(List.of("--port", "http"))).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> Main.parse(List.of("--port"))).hasMessageContaining("needs a value");
    }
}
