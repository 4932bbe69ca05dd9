package dev.lectern.recommend.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.recommend.CourseFacts;
import dev.lectern.recommend.ModelVersions;
import dev.lectern.recommend.RecommendModel;
import dev.lectern.recommend.model.Neighbours;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job end to end on a local directory laid out as the analytics bucket, its Parquet files written by DuckDB as compaction writes them. */
class SparkSimilarityJobTest {

    private static final Instant UNTIL = Instant.parse("2026-11-28T01:30:00Z");

    @TempDir
    Path bucket;

    record Event(String type, Instant at, String userId, String deviceId, String courseId, Integer rating) {
    }

    static Event of(String type, Instant at, String userId, String courseId) {
        return new Event(type, at, userId, null, courseId, null);
    }

    @Test
    void strengthsOnSparkSQLAreTheFunctionJobsDecayedWeightsAndARefundAfterTheLastPaymentRemovesThePair() throws Exception {
        Instant sixtyDaysAgo = UNTIL.minus(Duration.ofDays(60));
        Instant yesterday = UNTIL.minus(Duration.ofHours(12));
        writeDay(List.of(of("enrolled", sixtyDaysAgo, "U1", "A")));
        writeDay(List.of(
                of("course_viewed", yesterday, "U2", "A"), of("course_viewed", yesterday, "U2", "A"),
                of("order_paid", yesterday.minusSeconds(60), "U3", "A"), of("enrolled", yesterday.minusSeconds(60), "U3", "A"),
                of("order_refunded", yesterday, "U3", "A"),
                of("order_refunded", yesterday.minusSeconds(120), "U3", "B"), of("order_paid", yesterday, "U3", "B"),
                of("course_viewed", yesterday, "U4", "A"), new Event("review_posted", yesterday, "U4", null, "A", 1),
                new Event("course_viewed", yesterday, null, "device-1234", "B", null),
                new Event("search_performed", yesterday, "U1", null, null, null)));
        writeDay(List.of(of("enrolled", UNTIL.minus(Duration.ofDays(300)), "U5", "A")));

        Map<String, Double> strengths = new HashMap<>();
        for (Row row : SparkInteractions.read(LocalSpark.session(), objects(), root(), UNTIL).collectAsList()) {
            strengths.put(row.getString(0) + "|" + row.getString(1), row.getDouble(2));
        }

        assertThat(strengths).containsOnlyKeys("U1|A", "U2|A", "U3|B", "device:device-1234|B");
        assertThat(strengths.get("U1|A")).isCloseTo(Math.log(1 + 2.5), within(1e-9));
        assertThat(strengths.get("U2|A")).isCloseTo(Math.log(1 + 2 * Math.pow(0.5, 0.5 / 60)), within(1e-9));
        assertThat(strengths.get("U3|B")).isCloseTo(Math.log(1 + 5 * Math.pow(0.5, 0.5 / 60)), within(1e-9));
        assertThat(strengths.get("device:device-1234|B")).isCloseTo(Math.log(1 + Math.pow(0.5, 0.5 / 60)), within(1e-9));
    }

    @Test
    void aRunWritesAVersionThatTheServingCodesReaderLoadsAndMovesThePointerToIt() throws Exception {
        List<CourseFacts> courses = List.of(
                new CourseFacts("A", "creator-1", "en", List.of("java"), "Java from zero"),
                new CourseFacts("B", "creator-2", "en", List.of("java"), "Java streams"),
                new CourseFacts("C", "creator-3", "en", List.of("python"), "Python for data"),
                // nobody has touched D yet: reachable through its tags and title only
                new CourseFacts("D", "creator-4", "en", List.of("python"), "Python for data teams"));
        List<Event> events = new ArrayList<>();
        Instant day = UNTIL.minus(Duration.ofDays(2));
        for (int l = 0; l < 20; l++) {
            events.add(of("enrolled", day, "L" + l, "A"));
            events.add(of("enrolled", day, "L" + l, l % 2 == 0 ? "B" : "C"));
        }
        events.add(of("enrolled", day, "L0", "not-published"));
        writeDay(events);
        ModelVersions versions = new ModelVersions(objects());
        String version = "20261128T013000Z-SPRK";
        versions.writeCourses(version, courses);

        SparkSimilarityJob.Summary summary = SparkSimilarityJob.run(LocalSpark.session(), root(), version, UNTIL);

        assertThat(summary.courses()).isEqualTo(4);
        assertThat(summary.learners()).isEqualTo(20);
        assertThat(summary.interactions()).isEqualTo(40);
        assertThat(summary.coldCourses()).isEqualTo(1);
        ModelVersions.Pointer pointer = versions.pointer().orElseThrow();
        assertThat(pointer.version()).isEqualTo(version);
        assertThat(Files.exists(bucket.resolve("recommend/" + version + "/manifest.json"))).isTrue();
        RecommendModel model = versions.load(pointer);
        assertThat(model.version()).isEqualTo(version);
        assertThat(model.courses()).isEqualTo(4);
        Neighbours neighbours = model.neighbours();
        assertThat(neighbours.id(model.indexOf("B"), 0)).isEqualTo(model.indexOf("A"));
        assertThat(neighbours.id(model.indexOf("C"), 0)).isEqualTo(model.indexOf("A"));
        List<String> ofD = new ArrayList<>();
        for (int p = 0; p < neighbours.count(model.indexOf("D")); p++) {
            ofD.add(model.courseId(neighbours.id(model.indexOf("D"), p)));
        }
        assertThat(ofD).containsExactly("C");
    }

    @Test
    void argumentsAreNamedPairsWithAVersionNameAndABucketOrRoot() {
        assertThat(SparkSimilarityJob.options(new String[] {"--bucket", "b", "--version", "20261128T013000Z-ABCD"}))
                .containsEntry("bucket", "b");
        assertThatThrownBy(() -> SparkSimilarityJob.options(new String[] {"--bucket", "b"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
        assertThatThrownBy(() -> SparkSimilarityJob.options(new String[] {"--bucket", "b", "--version", "../latest"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> SparkSimilarityJob.options(new String[] {"--bucket"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
    }

    private String root() {
        return bucket.toUri().toString();
    }

    private HadoopObjects objects() {
        return new HadoopObjects(root(), LocalSpark.session().sparkContext().hadoopConfiguration());
    }

    private void writeDay(List<Event> events) throws IOException, SQLException {
        String day = events.get(0).at().atZone(ZoneOffset.UTC).toLocalDate().toString();
        Path file = bucket.resolve("events-parquet/date=" + day + "/events.parquet");
        Files.createDirectories(file.getParent());
        String rows = events.stream().map(e -> "(" + String.join(", ", quoted(UUID.randomUUID().toString()), quoted(e.type()),
                        "TIMESTAMP '" + e.at().toString().replace("T", " ").replace("Z", "") + "'", quoted(e.userId()),
                        quoted(e.deviceId()), quoted(e.courseId()), e.rating() == null ? "NULL::INTEGER" : e.rating().toString()) + ")")
                .collect(Collectors.joining(", "));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = db.createStatement()) {
            statement.execute("COPY (SELECT * FROM (VALUES " + rows + ") t(id, type, occurred_at, user_id, device_id, course_id, rating)) TO '"
                    + file + "' (FORMAT PARQUET)");
        }
    }

    private static String quoted(String value) {
        return value == null ? "NULL::VARCHAR" : "'" + value + "'";
    }
}
