package dev.lectern.recommend.spark;

import dev.lectern.recommend.InteractionsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The learner × course strengths on Spark SQL: the function job's SQL file ({@link InteractionsQuery})
 * over the event log's daily Parquet files, the same files the function job reads
 * ({@link InteractionsQuery#reads}), chosen by their key before Spark opens any of them.
 */
final class SparkInteractions {

    private static final String VIEW = "lectern_events";

    private SparkInteractions() {
    }

    /** Rows of (learner string, course_id string, strength double); none when the window holds no Parquet file. */
    static Dataset<Row> read(SparkSession spark, HadoopObjects objects, String root, Instant until) {
        List<String> files = new ArrayList<>();
        for (String key : objects.keys(InteractionsQuery.PARQUET_ROOT)) {
            if (InteractionsQuery.reads(key, until)) {
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
