package dev.lectern.catalog;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Lesson media in the private media bucket: reached only through short-lived presigned URLs. */
@Singleton
public class MediaStore {

    public record Presigned(URL url, Map<String, String> headers) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public MediaStore(S3Client s3, S3Presigner presigner, LecternConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.require(ResourceId.MEDIA_BUCKET);
    }

    public static String keyOf(String courseId, String lessonId) {
        return "courses/" + courseId + "/lessons/" + lessonId;
    }

    /**
     * A PUT for exactly this key, content type and length: all three are signed, so the upload
     * fails unless the client sends what it declared.
     */
    public Presigned presignUpload(String key, String contentType, long sizeBytes, Duration validity) {
        var presigned = presigner.presignPutObject(b -> b.signatureDuration(validity)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength(sizeBytes)));
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Presigned(presigned.url(), headers);
    }

    /**
     * A GET of the key whose response headers S3 takes from the URL's signed {@code response-*}
     * parameters rather than from the stored object (type, disposition, caching).
     */
    public URL presignDownload(String key, Duration validity, MediaTypes.Delivery delivery) {
        return presigner.presignGetObject(b -> b.signatureDuration(validity).getObjectRequest(g -> g.bucket(bucket).key(key)
                .responseContentType(delivery.contentType())
                .responseContentDisposition(delivery.contentDisposition())
                .responseCacheControl(delivery.cacheControl()))).url();
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
