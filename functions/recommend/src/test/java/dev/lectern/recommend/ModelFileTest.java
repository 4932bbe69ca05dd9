package dev.lectern.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelFileTest {

    @Test
    void aModelReadsBackAsItWasWritten() {
        RecommendModel written = TestModels.sixCourses("20261128T013000Z-ABCD");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelFile.write(written, bytes);

        RecommendModel read = ModelFile.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(read.version).isEqualTo(written.version);
        assertThat(read.createdAt).isEqualTo(written.createdAt);
        assertThat(read.courseIds).containsExactly(written.courseIds);
        assertThat(read.creators).containsExactly(written.creators);
        assertThat(read.creatorOf).containsExactly(written.creatorOf);
        assertThat(read.languages).containsExactly(written.languages);
        assertThat(read.languageOf).containsExactly(written.languageOf);
        assertThat(read.tags).containsExactly(written.tags);
        assertThat(read.tagsOf).isDeepEqualTo(written.tagsOf);
        assertThat(read.popularity).containsExactly(written.popularity);
        assertThat(read.neighbours.k()).isEqualTo(written.neighbours.k());
        assertThat(read.neighbours.ids()).containsExactly(written.neighbours.ids());
        assertThat(read.neighbours.scores()).containsExactly(written.neighbours.scores());
        assertThat(read.factors.rank()).isEqualTo(2);
        assertThat(read.factors.itemFactors()).containsExactly(written.factors.itemFactors());
        assertThat(read.popular()).containsExactly(written.popular());
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream("{\"version\":1}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RuntimeException.class);
    }
}
