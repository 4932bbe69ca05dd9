package dev.lectern.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The model's versions in the analytics bucket:
 * <pre>
 * recommend/&lt;version&gt;/model.bin       the model ({@link ModelFile})
 * recommend/&lt;version&gt;/manifest.json   what the job counted and how long it took
 * recommend/latest.json                   the pointer: {"version": …, "model": key, "createdAt": …}
 * </pre>
 * A version's objects are written first and the pointer last, so a reader that follows the pointer
 * never sees half a version; an interrupted job leaves a version nobody points at, which the next
 * run's pruning removes. The last {@value #KEPT} versions are kept (a reader that read the pointer
 * just before it moved still finds its model; an operator can point back to the previous one).
 */
@Singleton
public class ModelStore {

    static final String ROOT = "recommend/";
    static final String POINTER = ROOT + "latest.json";
    static final String MODEL = "model.bin";
    static final String MANIFEST = "manifest.json";
    static final int KEPT = 3;

    /** Where the pointer leads. */
    public record Pointer(String version, String modelKey, Instant createdAt) {
    }

    private final S3Client s3;
    private final String bucket;

    public ModelStore(S3Client s3, LecternConfig config) {
        this.s3 = s3;
        this.bucket = config.require(ResourceId.ANALYTICS_BUCKET);
    }

    /** Writes a version's objects, then the pointer; then removes versions beyond the last {@value #KEPT}. */
    public Pointer publish(RecommendModel model, Map<String, Object> manifest) {
        String prefix = ROOT + model.version + "/";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelFile.write(model, bytes);
        s3.putObject(b -> b.bucket(bucket).key(prefix + MODEL).contentType("application/octet-stream"),
                RequestBody.fromBytes(bytes.toByteArray()));
        s3.putObject(b -> b.bucket(bucket).key(prefix + MANIFEST).contentType("application/json"),
                RequestBody.fromString(Json.write(manifest)));
        Pointer pointer = new Pointer(model.version, prefix + MODEL, model.createdAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", pointer.version());
        body.put("model", pointer.modelKey());
        body.put("createdAt", pointer.createdAt().toString());
        s3.putObject(b -> b.bucket(bucket).key(POINTER).contentType("application/json").cacheControl("no-cache"),
                RequestBody.fromString(Json.write(body)));
        prune(model.version);
        return pointer;
    }

    /** The pointer, or empty before the first version. */
    public Optional<Pointer> pointer() {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(POINTER))) {
            JsonNode body = Json.mapper().readTree(in);
            return Optional.of(new Pointer(body.path("version").asText(), body.path("model").asText(),
                    Instant.parse(body.path("createdAt").asText())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RecommendModel load(Pointer pointer) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(pointer.modelKey()))) {
            return ModelFile.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions present, oldest first (version names sort by time). */
    public List<String> versions() {
        List<String> versions = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ROOT).delimiter("/")).commonPrefixes().stream()
                .map(CommonPrefix::prefix)
                .map(p -> p.substring(ROOT.length(), p.length() - 1))
                .forEach(versions::add);
        versions.sort(Comparator.naturalOrder());
        return versions;
    }

    private void prune(String current) {
        List<String> versions = versions();
        List<String> old = versions.subList(0, Math.max(0, versions.size() - KEPT)).stream().filter(v -> !v.equals(current)).toList();
        for (String version : old) {
            List<ObjectIdentifier> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ROOT + version + "/")).contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
            }
        }
    }
}
