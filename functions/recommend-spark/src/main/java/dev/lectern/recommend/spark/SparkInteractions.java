package dev.lectern.recommend.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.lectern.recommend.InteractionsQuery;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The learner × course strengths on Spark SQL: the function job's SQL file ({@link InteractionsQuery})
 * over the event log's daily Parquet files under {@code <root>events-parquet/date=YYYY-MM-DD/}, the
 * days of the window read and no others (the date is the partition column).
 */
final class SparkInteractions {

    private static final String VIEW = "lectern_events";

    private SparkInteractions() {
    }

    /** Rows of (learner string, course_id string, strength double); none when the log has no Parquet files yet. */
    static Dataset<Row> read(SparkSession spark, HadoopObjects objects, String root, Instant until) {
        if (!objects.exists(InteractionsQuery.PARQUET_ROOT)) {
            return spark.emptyDataFrame();
        }
        String logRoot = root + InteractionsQuery.PARQUET_ROOT;
        // the day before the window's first day too: an event at 23:59 of it may be inside the window
        Date first = Date.valueOf(until.minus(InteractionsQuery.WINDOW).minus(Duration.ofDays(1)).atZone(ZoneOffset.UTC).toLocalDate());
        Date last = Date.valueOf(until.atZone(ZoneOffset.UTC).toLocalDate());
        spark.read().option("mergeSchema", "true").option("basePath", logRoot).parquet(logRoot)
                .where(col("date").geq(lit(first)).and(col("date").leq(lit(last))))
                .createOrReplaceTempView(VIEW);
        return spark.sql(InteractionsQuery.sql(InteractionsQuery.Engine.SPARK, VIEW, until));
    }
}
