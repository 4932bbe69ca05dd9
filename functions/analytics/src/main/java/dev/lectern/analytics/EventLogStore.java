package dev.lectern.analytics;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The event log's objects in the analytics bucket: gzip JSON Lines of {@link EventEnvelope}s. */
@Singleton
public class EventLogStore {

    private final S3Client s3;
    private final String bucket;

    public EventLogStore(S3Client s3, LecternConfig config) {
        this.s3 = s3;
        this.bucket = config.require(ResourceId.ANALYTICS_BUCKET);
    }

    public void write(String key, Collection<EventEnvelope> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            for (EventEnvelope event : events) {
                out.write(EventJson.write(event));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
                RequestBody.fromBytes(bytes.toByteArray()));
    }

    /** Every object key under the prefix, across pages. */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).forEach(keys::add);
        return keys;
    }

    /** Streams the events of one object to the sink, line by line. */
    public void read(String key, Consumer<EventEnvelope> sink) {
        try (var in = s3.getObject(b -> b.bucket(bucket).key(key));
             var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    sink.accept(EventJson.readEnvelope(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a local file (a day's Parquet file). */
    public void upload(String key, java.nio.file.Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    /** Downloads an object to a local file, which must not exist yet. */
    public void download(String key, java.nio.file.Path file) {
        s3.getObject(b -> b.bucket(bucket).key(key), file);
    }

    public void delete(List<String> keys) {
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> page = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(page).quiet(true).build()));
        }
    }
}
