package dev.lectern.recommend.spark;

import dev.lectern.recommend.InteractionsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The learner × course strengths on Spark SQL: the function job's SQL file ({@link InteractionsQuery})
 * over the event log's daily Parquet files, {@code <root>events-parquet/date=YYYY-MM-DD/events.parquet},
 * the same days the function job reads (the window and the day before it) and no others: the files
 * are chosen by their folder's date before Spark opens any of them.
 */
final class SparkInteractions {

    private static final String VIEW = "lectern_events";
    private static final String FILE = "events.parquet";
    private static final Pattern DAY = Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})");

    private SparkInteractions() {
    }

    /** Rows of (learner string, course_id string, strength double); none when the window holds no Parquet file. */
    static Dataset<Row> read(SparkSession spark, HadoopObjects objects, String root, Instant until) {
        LocalDate first = until.minus(InteractionsQuery.WINDOW).minus(Duration.ofDays(1)).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = until.atZone(ZoneOffset.UTC).toLocalDate();
        List<String> files = new ArrayList<>();
        for (String folder : objects.folders(InteractionsQuery.PARQUET_ROOT)) {
            Matcher day = DAY.matcher(folder);
            String key = InteractionsQuery.PARQUET_ROOT + folder + "/" + FILE;
            if (day.matches() && !LocalDate.parse(day.group(1)).isBefore(first) && !LocalDate.parse(day.group(1)).isAfter(last)
                    && objects.exists(key)) {
                files.add(root + key);
            }
        }
        if (files.isEmpty()) {
            return spark.emptyDataFrame();
        }
        // days written by different versions of the compaction may differ in columns: union them by name
        spark.read().option("mergeSchema", "true").parquet(files.toArray(String[]::new)).createOrReplaceTempView(VIEW);
        return spark.sql(InteractionsQuery.sql(InteractionsQuery.Engine.SPARK, VIEW, until));
    }
}
