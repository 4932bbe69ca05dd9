package dev.lectern.recommend.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.recommend.ContentSimilarity;
import dev.lectern.recommend.CourseFacts;
import dev.lectern.recommend.ModelAssembly;
import dev.lectern.recommend.ModelVersions;
import dev.lectern.recommend.RecommendModel;
import dev.lectern.recommend.model.AlsParams;
import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code similarity} job on Spark (EMR Serverless), for when the behaviour outgrows one function:
 * the same strengths (the same SQL file), the same served neighbours ({@link SparkRegression}), the
 * same content neighbours and model assembly, written as the same version layout with the pointer
 * last ({@link ModelVersions}), so the serving functions cannot tell which engine made a version.
 *
 * <p>The matrix factorisation is Spark MLlib's implicit ALS, not the function job's: the same model
 * (Hu, Koren and Volinsky; confidence 1 + α·r, rank, iterations and α alike), but MLlib scales the
 * penalty by each learner's and course's count of interactions and trains on every learner, where
 * the function job trains on a sample. Serving does not use the factors yet; the file carries them.
 *
 * <p>Arguments: {@code --bucket <analytics bucket> --version <version>}, the version's
 * {@code courses.jsonl} written beforehand by the function that starts the run. {@code --root <uri>}
 * replaces {@code s3://<bucket>/} (a local directory, for a run by hand); {@code --now <instant>}
 * fixes the end of the behaviour window (default: the run's start).
 */
public final class SparkSimilarityJob {

    /** The MLlib penalty: MLlib multiplies it by each row's count, so this is {@link AlsParams#DEFAULT}'s λ spread over a typical learner's 20 courses. */
    static final double MLLIB_REG_PARAM = 0.05;

    private SparkSimilarityJob() {
    }

    /** What a run did: printed as one JSON line at the end, as the function job's output. */
    public record Summary(String version, String engine, int courses, long learners, long interactions, int coldCourses,
                          int factorRank, Map<String, Long> millis) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String root = options.containsKey("root") ? options.get("root") : "s3://" + options.get("bucket") + "/";
        Instant now = options.containsKey("now") ? Instant.parse(options.get("now")) : Instant.now();
        SparkSession spark = SparkSession.builder().appName("lectern-similarity-" + options.get("version"))
                // the log's timestamps are UTC without a zone, as the SQL's window bounds are
                .config("spark.sql.session.timeZone", "UTC")
                // temporary views only: no metastore (EMR may default to the Glue Data Catalog, which the job's role may not read)
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .getOrCreate();
        try {
            Summary summary = run(spark, root, options.get("version"), now);
            System.out.println(new ObjectMapper().writeValueAsString(summary));
        } finally {
            spark.stop();
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("arguments come as --name value pairs; got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("version") || !(options.containsKey("bucket") || options.containsKey("root"))) {
            throw new IllegalArgumentException("usage: --bucket <analytics bucket> --version <version> [--root <uri>] [--now <instant>]");
        }
        if (!options.get("version").matches("[0-9]{8}T[0-9]{6}Z-[0-9A-Z]{4}")) {
            throw new IllegalArgumentException("--version must be a model version name like 20261128T013000Z-ABCD");
        }
        return options;
    }

    public static Summary run(SparkSession spark, String root, String version, Instant now) {
        Map<String, Long> millis = new LinkedHashMap<>();
        long started = System.nanoTime();
        HadoopObjects objects = new HadoopObjects(root, spark.sparkContext().hadoopConfiguration());
        ModelVersions versions = new ModelVersions(objects);
        List<CourseFacts> courses = versions.courses(version);
        List<Row> index = new ArrayList<>(courses.size());
        for (int i = 0; i < courses.size(); i++) {
            index.add(RowFactory.create(courses.get(i).id(), i));
        }
        Dataset<Row> courseIndex = spark.createDataFrame(index, new StructType()
                .add("course_id", DataTypes.StringType).add("item", DataTypes.IntegerType));
        long mark = lap(millis, "courses", started);

        // interactions with courses that are not published (not in the run's list) are left out, as in the function job
        Dataset<Row> read = SparkInteractions.read(spark, objects, root.endsWith("/") ? root : root + "/", now);
        Dataset<Row> strengths = read.columns().length == 0 ? spark.createDataFrame(List.of(), SparkRegression.STRENGTHS)
                : read.join(broadcast(courseIndex), "course_id")
                        .select(col("learner"), col("item"), col("strength").cast(DataTypes.FloatType).as("weight"));
        strengths = strengths.persist(StorageLevel.MEMORY_AND_DISK());
        long interactions = strengths.count();
        mark = lap(millis, "interactions", mark);

        Neighbours behaviour = SparkRegression.compute(spark, strengths, courses.size(), RegressionParams.DEFAULT);
        mark = lap(millis, "neighbours", mark);

        float[] popularity = new float[courses.size()];
        strengths.groupBy("item").agg(sum("weight")).collectAsList()
                .forEach(p -> popularity[p.getInt(0)] = (float) p.getDouble(1));
        Learners learners = Learners.of(strengths);
        Factors factors = interactions == 0 ? new Factors(0, courses.size(), new float[0], 0, new float[0])
                : als(spark, learners, courses.size());
        mark = lap(millis, "factorisation", mark);

        Neighbours neighbours = ModelAssembly.merge(behaviour, ContentSimilarity.compute(courses, ModelAssembly.CONTENT_SLOTS));
        mark = lap(millis, "content", mark);
        RecommendModel model = ModelAssembly.model(version, now, courses, popularity, neighbours, factors);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", version);
        manifest.put("engine", "spark");
        manifest.put("createdAt", now.toString());
        manifest.put("courses", courses.size());
        manifest.put("learners", learners.count);
        manifest.put("interactions", interactions);
        manifest.put("neighbours", RegressionParams.DEFAULT);
        manifest.put("factorisation", Map.of("implementation", "spark-mllib-als", "rank", AlsParams.DEFAULT.rank(),
                "iterations", AlsParams.DEFAULT.iterations(), "alpha", AlsParams.DEFAULT.alpha(), "regParam", MLLIB_REG_PARAM));
        versions.publish(model, manifest);
        lap(millis, "publish", mark);
        millis.put("total", (System.nanoTime() - started) / 1_000_000);
        strengths.unpersist();
        return new Summary(version, "spark", courses.size(), learners.count, interactions, ModelAssembly.coldCourses(popularity),
                factors.rank(), millis);
    }

    /** Learners numbered for MLlib, which wants whole ids. */
    private record Learners(Dataset<Row> ratings, long count) {

        static Learners of(Dataset<Row> strengths) {
            JavaRDD<Row> numbered = strengths.select("learner").distinct().javaRDD().zipWithIndex()
                    .map(l -> RowFactory.create(l._1().getString(0), (int) (long) l._2()));
            // kept: a recomputed distinct() may list learners in another order, and zipWithIndex would number them anew
            Dataset<Row> ids = SparkSession.active().createDataFrame(numbered, new StructType()
                    .add("learner", DataTypes.StringType).add("learner_id", DataTypes.IntegerType))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long count = ids.count();
            return new Learners(strengths.join(ids, "learner")
                    .select(col("learner_id").as("learner"), col("item"), col("weight").as("strength")), count);
        }
    }

    private static Factors als(SparkSession spark, Learners learners, int items) {
        AlsParams params = AlsParams.DEFAULT;
        ALSModel model = new ALS().setImplicitPrefs(true).setRank(params.rank()).setMaxIter(params.iterations())
                .setAlpha(params.alpha()).setRegParam(MLLIB_REG_PARAM).setSeed(params.seed())
                .setUserCol("learner").setItemCol("item").setRatingCol("strength").setNonnegative(false)
                .fit(learners.ratings());
        float[] itemFactors = new float[items * params.rank()];
        for (Row row : model.itemFactors().collectAsList()) {
            int item = row.getInt(0);
            List<Float> features = row.getList(1);
            for (int f = 0; f < params.rank(); f++) {
                itemFactors[item * params.rank() + f] = features.get(f);
            }
        }
        return new Factors(params.rank(), items, itemFactors, 0, new float[0]);
    }

    private static long lap(Map<String, Long> millis, String phase, long since) {
        long now = System.nanoTime();
        millis.put(phase, (now - since) / 1_000_000);
        return now;
    }
}
