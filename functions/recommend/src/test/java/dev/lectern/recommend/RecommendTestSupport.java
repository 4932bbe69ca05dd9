package dev.lectern.recommend;

import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.sql.DuckDb;
import dev.lectern.local.emulators.SharedEmulators;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A fresh analytics bucket per test, published courses in the shared table, and Parquet event files written with DuckDB. */
final class RecommendTestSupport {

    /** One row of the event log's Parquet file, with the columns the interactions query reads. */
    record Event(String type, Instant at, String userId, String deviceId, String courseId, Integer rating) {
        static Event of(String type, Instant at, String userId, String courseId) {
            return new Event(type, at, userId, null, courseId, null);
        }
    }

    private RecommendTestSupport() {
    }

    static String freshBucket() {
        String bucket = "recommend-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        SharedEmulators.get().s3().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    static LecternConfig config(String bucket) {
        Map<String, String> env = SharedEmulators.get().resources().sharedEnvironment(SharedEmulators.STAGE);
        return LecternConfig.from(name -> LecternConfig.ANALYTICS_BUCKET.equals(name) ? bucket : env.get(name));
    }

    /** A published course's META item as the catalog writes it (the fields recommendations read), in the listing index. */
    static String publishCourse(String creatorId, String language, List<String> tags, String title) {
        String id = Ids.newId();
        Map<String, AttributeValue> item = new HashMap<>(Courses.metaKey(id));
        item.put("id", s(id));
        item.put("creatorId", s(creatorId));
        item.put("creatorName", s("Creator " + creatorId.substring(20)));
        item.put("title", s(title));
        item.put("subtitle", s(""));
        item.put("language", s(language));
        item.put("level", s("all"));
        item.put("tags", AttributeValue.fromL(tags.stream().map(AttributeValue::fromS).toList()));
        item.put("priceAmount", AttributeValue.fromN("1999"));
        item.put("priceCurrency", s("usd"));
        item.put("status", s("published"));
        item.put("GSI1PK", s(Courses.PUBLISHED_PARTITION));
        item.put("GSI1SK", s(Courses.sortable(Instant.now()) + "#" + id));
        SharedEmulators.get().dynamoDb().putItem(b -> b.tableName(table()).item(item));
        return id;
    }

    static void unpublish(String courseId) {
        SharedEmulators.get().dynamoDb().updateItem(b -> b.tableName(table()).key(Courses.metaKey(courseId))
                .updateExpression("SET #status = :draft REMOVE GSI1PK, GSI1SK")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":draft", s("draft"))));
    }

    static String table() {
        return SharedEmulators.get().resources().sharedEnvironment(SharedEmulators.STAGE).get(LecternConfig.TABLE_NAME);
    }

    /** Writes the events of one UTC day as that day's Parquet file in the bucket. */
    static void writeDay(String bucket, List<Event> events) {
        String day = events.get(0).at().atZone(ZoneOffset.UTC).toLocalDate().toString();
        try (DuckDb db = DuckDb.open()) {
            Path file = db.workDirectory().resolve("events.parquet");
            String rows = events.stream().map(e -> "(" + String.join(", ", quoted(Ids.newId()), quoted(e.type()),
                            "TIMESTAMP '" + e.at().toString().replace("T", " ").replace("Z", "") + "'", quoted(e.userId()),
                            quoted(e.deviceId()), quoted(e.courseId()), e.rating() == null ? "NULL::INTEGER" : e.rating().toString()) + ")")
                    .collect(Collectors.joining(", "));
            db.execute("COPY (SELECT * FROM (VALUES " + rows + ") t(id, type, occurred_at, user_id, device_id, course_id, rating)) TO '"
                    + file + "' (FORMAT PARQUET)");
            SharedEmulators.get().s3().putObject(b -> b.bucket(bucket).key("events-parquet/date=" + day + "/events.parquet"), file);
        }
    }

    private static String quoted(String value) {
        return value == null ? "NULL::VARCHAR" : "'" + value + "'";
    }
}
