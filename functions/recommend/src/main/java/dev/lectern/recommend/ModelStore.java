package dev.lectern.recommend;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The model's versions ({@link ModelVersions}: layout, pointer last, pruning) in the analytics
 * bucket through the functions' S3 client.
 */
@Singleton
public class ModelStore {

    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ModelVersions versions;

    public ModelStore(S3Client s3, LecternConfig config) {
        versions = new ModelVersions(new S3Objects(s3, config.require(ResourceId.ANALYTICS_BUCKET)));
    }

    /**
     * A new version's name, whichever engine builds it: the UTC second it was made (versions sort by time, which
     * is what pruning keeps the last of), then four random characters, so two runs in one second differ.
     */
    public static String newVersion(Instant createdAt) {
        return VERSION_TIME.format(createdAt) + "-" + Ids.newId().substring(22);
    }

    public ModelVersions.Pointer publish(RecommendModel model, Map<String, Object> manifest) {
        return versions.publish(model, manifest);
    }

    public Optional<ModelVersions.Pointer> pointer() {
        return versions.pointer();
    }

    public RecommendModel load(ModelVersions.Pointer pointer) {
        return versions.load(pointer);
    }

    public List<String> versions() {
        return versions.versions();
    }

    public void writeCourses(String version, List<CourseFacts> courses) {
        versions.writeCourses(version, courses);
    }

    private record S3Objects(S3Client s3, String bucket) implements ModelVersions.Objects {

        @Override
        public void put(String key, byte[] body, String contentType) {
            // the pointer is read every few minutes by every serving instance: no cache may hold an old one
            String cacheControl = key.equals(ModelVersions.POINTER) ? "no-cache" : null;
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl), RequestBody.fromBytes(body));
        }

        @Override
        public Optional<InputStream> get(String key) {
            try {
                return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean exists(String key) {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key));
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            }
        }

        @Override
        public List<String> folders(String prefix) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/")).commonPrefixes().stream()
                    .map(CommonPrefix::prefix)
                    .map(p -> p.substring(prefix.length(), p.length() - 1))
                    .toList();
        }

        @Override
        public void deleteAll(String prefix) {
            List<ObjectIdentifier> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
            }
        }
    }
}
