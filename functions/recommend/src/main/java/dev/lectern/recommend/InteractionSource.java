package dev.lectern.recommend;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sql.DuckDb;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The job's input: learner × course strengths computed by SQL ({@link InteractionsQuery})
 * over the behaviour event log's daily Parquet files in the analytics bucket
 * ({@code events-parquet/date=YYYY-MM-DD/events.parquet}, written by the analytics context's
 * compaction) for the {@link #WINDOW} before the run. Files are fetched with the SDK and read by an
 * embedded DuckDB ({@link DuckDb}).
 */
@Singleton
public class InteractionSource {


    /** Receives the strengths, one learner × course pair at a time. */
    public interface Sink {
        void accept(String learner, String courseId, float strength);
    }

    /** What was read. */
    public record Read(int files, long pairs) {
    }

    private final S3Client s3;
    private final String bucket;

    public InteractionSource(S3Client s3, LecternConfig config) {
        this.s3 = s3;
        this.bucket = config.require(ResourceId.ANALYTICS_BUCKET);
    }

    /** Streams the strengths of the behaviour before {@code until} (within the window) into the sink. */
    public Read read(Instant until, Sink sink) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(InteractionsQuery.PARQUET_ROOT)).contents()) {
            if (InteractionsQuery.reads(object.key(), until)) {
                keys.add(object.key());
            }
        }
        if (keys.isEmpty()) {
            return new Read(0, 0);
        }
        try (DuckDb db = DuckDb.open()) {
            List<String> files = new ArrayList<>();
            for (String key : keys) {
                Path file = db.workDirectory().resolve(key);
                Files.createDirectories(file.getParent());
                s3.getObject(b -> b.bucket(bucket).key(key), file);
                files.add("'" + file + "'");
            }
            String sql = InteractionsQuery.sql(InteractionsQuery.Engine.DUCKDB,
                    "read_parquet([" + String.join(", ", files) + "], union_by_name = true)", until);
            long pairs = 0;
            try (Statement statement = db.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    sink.accept(rows.getString(1), rows.getString(2), rows.getFloat(3));
                    pairs++;
                }
            }
            return new Read(keys.size(), pairs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("interactions query: " + e.getMessage(), e);
        }
    }
}
