package dev.lectern.recommend.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One Spark session on two local cores for the whole test JVM (a session takes seconds to start). */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (Runtime.version().feature() > 21) {
            throw new IllegalStateException("Spark 3.5 runs on Java 17 or 21, this test JVM is " + Runtime.version()
                    + ": set LECTERN_SPARK_JAVA to a Java 17 or 21 bin/java (README, 'Tests')");
        }
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("lectern-recommend-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .getOrCreate();
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
