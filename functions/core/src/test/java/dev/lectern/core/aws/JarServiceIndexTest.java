package dev.lectern.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarServiceIndexTest {

    private static final String REFERENCE = "io.micronaut.inject.BeanDefinitionReference";
    private static final String CONVERTERS = "io.micronaut.core.convert.TypeConverterRegistrar";
    private static final String CONFIGURATION = "io.micronaut.inject.BeanConfiguration";

    @TempDir
    Path folder;

    @Test
    void listsTheIndexedTypesAsMicronautsScanWould() throws IOException {
        Path jar = jar(Map.of(
                "META-INF/services/" + CONVERTERS, "# converters\n\na.Converters # the first\n  b.More  \n",
                "META-INF/services/" + REFERENCE, "stale.$Old$Definition\n",
                "META-INF/micronaut/" + REFERENCE + "/", "",
                "META-INF/micronaut/" + REFERENCE + "/x.$A$Definition", "",
                "META-INF/micronaut/" + REFERENCE + "/y.$B$Definition", "",
                "META-INF/micronaut/" + REFERENCE + "/nested/z.$C$Definition", "",
                "META-INF/micronaut/some.OtherService/o.Other", "",
                "META-INF/services/some.OtherService", "o.Plain\n"));

        Map<String, Set<String>> services = JarServiceIndex.services(jar, List.of(CONVERTERS, REFERENCE, CONFIGURATION));

        assertThat(services).containsOnlyKeys(CONVERTERS, REFERENCE, CONFIGURATION);
        assertThat(services.get(CONVERTERS)).containsExactly("a.Converters", "b.More");
        // Micronaut reads bean definitions from META-INF/micronaut only: a services file of them is not its
        assertThat(services.get(REFERENCE)).containsExactlyInAnyOrder("x.$A$Definition", "y.$B$Definition");
        // a type the jar has nothing of is answered as empty, not left to a scan
        assertThat(services.get(CONFIGURATION)).isEmpty();
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = folder.resolve("function.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
