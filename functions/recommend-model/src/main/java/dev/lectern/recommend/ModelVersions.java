package dev.lectern.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's versions in the analytics bucket, whichever engine wrote them:
 * <pre>
 * recommend/&lt;version&gt;/courses.jsonl   the published courses an EMR run computes for (the Spark job's input)
 * recommend/&lt;version&gt;/model.bin       the model ({@link ModelFile})
 * recommend/&lt;version&gt;/manifest.json   what the job counted and how long it took
 * recommend/latest.json                   the pointer: {"version": …, "model": key, "createdAt": …}
 * </pre>
 * A version's objects are written first and the pointer last, so a reader that follows the pointer
 * never sees half a version; an interrupted job leaves a version nobody points at, which the next
 * run's pruning removes. The last {@value #KEPT} versions are kept (a reader that read the pointer
 * just before it moved still finds its model; an operator can point back to the previous one).
 *
 * <p>The objects themselves are reached through {@link Objects}: the S3 client in the functions, the
 * Hadoop file system (EMRFS on EMR) in the Spark job.
 */
public final class ModelVersions {

    public static final String ROOT = "recommend/";
    public static final String POINTER = ROOT + "latest.json";
    public static final String MODEL = "model.bin";
    public static final String MANIFEST = "manifest.json";
    public static final String COURSES = "courses.jsonl";
    public static final int KEPT = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The few object operations the layout needs, by key. */
    public interface Objects {

        void put(String key, byte[] body, String contentType);

        /** The object's bytes, or empty when there is none. */
        Optional<InputStream> get(String key);

        boolean exists(String key);

        /** The names one level below {@code prefix} (which ends in "/") that hold objects. */
        List<String> folders(String prefix);

        /** Removes every object under {@code prefix}. */
        void deleteAll(String prefix);
    }

    /** Where the pointer leads. */
    public record Pointer(String version, String modelKey, Instant createdAt) {
    }

    private final Objects objects;

    public ModelVersions(Objects objects) {
        this.objects = objects;
    }

    /** Writes a version's objects, then the pointer; then removes versions beyond the last {@value #KEPT}. */
    public Pointer publish(RecommendModel model, Map<String, Object> manifest) {
        String prefix = ROOT + model.version + "/";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelFile.write(model, bytes);
        objects.put(prefix + MODEL, bytes.toByteArray(), "application/octet-stream");
        objects.put(prefix + MANIFEST, json(manifest), "application/json");
        Pointer pointer = new Pointer(model.version, prefix + MODEL, model.createdAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", pointer.version());
        body.put("model", pointer.modelKey());
        body.put("createdAt", pointer.createdAt().toString());
        objects.put(POINTER, json(body), "application/json");
        prune(model.version);
        return pointer;
    }

    /** The pointer, or empty before the first version. */
    public Optional<Pointer> pointer() {
        Optional<InputStream> found = objects.get(POINTER);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = found.get()) {
            JsonNode body = JSON.readTree(in);
            return Optional.of(new Pointer(body.path("version").asText(), body.path("model").asText(),
                    Instant.parse(body.path("createdAt").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RecommendModel load(Pointer pointer) {
        try (InputStream in = objects.get(pointer.modelKey())
                .orElseThrow(() -> new IllegalStateException("the pointer leads to " + pointer.modelKey() + ", which is missing"))) {
            return ModelFile.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions present, oldest first (version names sort by time). */
    public List<String> versions() {
        List<String> versions = new ArrayList<>(objects.folders(ROOT));
        versions.sort(null);
        return versions;
    }

    /** Writes the courses a run is to compute for, one JSON object per line, before the run starts. */
    public void writeCourses(String version, List<CourseFacts> courses) {
        StringBuilder lines = new StringBuilder();
        try {
            for (CourseFacts course : courses) {
                lines.append(JSON.writeValueAsString(course)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.put(ROOT + version + "/" + COURSES, lines.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    }

    /** The courses written for {@code version}, in their order (which is the model's course order). */
    public List<CourseFacts> courses(String version) {
        String key = ROOT + version + "/" + COURSES;
        try (InputStream in = objects.get(key).orElseThrow(() -> new IllegalStateException(key + " is missing"))) {
            List<CourseFacts> courses = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    courses.add(JSON.readValue(line, CourseFacts.class));
                }
            }
            return courses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the last {@value #KEPT} complete versions (those with a model); removes older complete ones and
     * every incomplete one older than {@code current} (a run that died, or an EMR run that was refused after its
     * courses were written): counting those would let a few bad days remove the version served until now.
     * Housekeeping only: the pointer has already moved, so a failure here is reported, not thrown.
     */
    private void prune(String current) {
        try {
            List<String> complete = new ArrayList<>();
            for (String version : versions()) {
                if (objects.exists(ROOT + version + "/" + MODEL)) {
                    complete.add(version);
                } else if (version.compareTo(current) < 0) {
                    objects.deleteAll(ROOT + version + "/");
                }
            }
            for (String version : complete.subList(0, Math.max(0, complete.size() - KEPT))) {
                if (!version.equals(current)) {
                    objects.deleteAll(ROOT + version + "/");
                }
            }
        } catch (RuntimeException e) {
            System.getLogger(ModelVersions.class.getName()).log(System.Logger.Level.WARNING,
                    "version " + current + " is published; removing older versions failed and is left to the next run", e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
