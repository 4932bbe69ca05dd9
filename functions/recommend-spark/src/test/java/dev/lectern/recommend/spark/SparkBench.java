package dev.lectern.recommend.spark;

import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The similarity job's engines side by side (docs/performance.md, "The similarity job on Spark"):
 * the function job's regression in-process, the Spark job's on {@code local[2]}, and what a Spark
 * user reaches for first, MLlib's exact {@code RowMatrix.columnSimilarities()} with the top 50 per
 * course taken afterwards. One engine per JVM, so that its peak memory is its own:
 * <pre>
 * --interactions FILE --engine function|spark|rowmatrix   time and peak memory
 * --interactions FILE --agreement [--with-rowmatrix]      neighbour sets compared: Spark's with the function job's;
 *                                                         MLlib's cosine top 50 with the function job's first pass
 * </pre>
 * The file is a {@code user_id,item_id} CSV (goodbooks-10k's to_read.csv, or {@code rec-synthetic}'s).
 * Run through Maven, which forks the Java 17 JVM Spark needs: see docs/performance.md for the command.
 */
public final class SparkBench {

    private static final int COSINE_TOP = 50;
    private static final AtomicLong PEAK_HEAP = new AtomicLong();

    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(value(args, "--interactions"));
        String engine = value(args, "--engine");
        Thread sampler = new Thread(() -> {
            Runtime runtime = Runtime.getRuntime();
            while (true) {
                PEAK_HEAP.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        RegressionParams params = RegressionParams.DEFAULT;
        if ("agreement".equals(engine)) {
            agreement(file, params, Arrays.asList(args).contains("--with-rowmatrix"));
            return;
        }
        long t0 = System.nanoTime();
        double read;
        double compute;
        double session = 0;
        switch (engine) {
            case "function" -> {
                InteractionMatrix matrix = Csv.read(file).matrix();
                read = seconds(t0);
                long t1 = System.nanoTime();
                NeighbourhoodRegression.compute(matrix, params, 2);
                compute = seconds(t1);
            }
            case "spark", "rowmatrix" -> {
                SparkSession spark = LocalSpark.session();
                session = seconds(t0);
                long t1 = System.nanoTime();
                JavaRDD<int[]> pairs = pairs(spark, file).cache();
                int items = pairs.map(p -> p[1]).reduce(Math::max) + 1;
                read = seconds(t1);
                long t2 = System.nanoTime();
                if (engine.equals("spark")) {
                    SparkRegression.compute(spark, strengths(spark, pairs), items, params);
                } else {
                    cosineTop(pairs, items);
                }
                compute = seconds(t2);
            }
            default -> throw new IllegalArgumentException("--engine function|spark|rowmatrix|agreement");
        }
        System.out.printf(Locale.ROOT, "{\"engine\":\"%s\",\"file\":\"%s\",\"sessionSeconds\":%.2f,\"readSeconds\":%.2f,"
                        + "\"computeSeconds\":%.2f,\"peakHeapMB\":%d,\"peakRssMB\":%d}%n", engine, file.getFileName(), session, read,
                compute, PEAK_HEAP.get() >> 20, peakRssMegabytes());
    }

    private static void agreement(Path file, RegressionParams params, boolean withRowMatrix) throws IOException {
        Csv csv = Csv.read(file);
        InteractionMatrix matrix = csv.matrix();
        Neighbours function = NeighbourhoodRegression.compute(matrix, params, 2);
        NeighbourhoodRegression.Gram gram = NeighbourhoodRegression.prepare(matrix, COSINE_TOP, params.dots(), params.maxUserItems(), 2);
        SparkSession spark = LocalSpark.session();
        JavaRDD<int[]> pairs = pairs(spark, file).cache();
        Neighbours onSpark = SparkRegression.compute(spark, strengths(spark, pairs), matrix.items(), params);
        Parity regression = Parity.of(function, onSpark);
        List<Tuple2<Integer, int[]>> rowMatrix = withRowMatrix ? cosineTop(pairs, matrix.items()).collect() : List.of();
        int same = 0;
        double overlap = 0;
        int compared = 0;
        for (Tuple2<Integer, int[]> item : rowMatrix) {
            Set<Integer> ours = new HashSet<>();
            for (int p = 0; p < COSINE_TOP; p++) {
                int j = gram.neighbourIds()[item._1() * COSINE_TOP + p];
                if (j >= 0) {
                    ours.add(j);
                }
            }
            Set<Integer> theirs = new HashSet<>();
            Arrays.stream(item._2()).forEach(theirs::add);
            same += ours.equals(theirs) ? 1 : 0;
            Set<Integer> common = new HashSet<>(ours);
            common.retainAll(theirs);
            overlap += ours.isEmpty() ? 1 : (double) common.size() / Math.max(ours.size(), theirs.size());
            compared++;
        }
        String rowMatrixFields = !withRowMatrix ? "" : String.format(Locale.ROOT,
                ",\"rowMatrixCosineTop%dSameSets\":%.4f,\"rowMatrixCosineTop%dMeanOverlap\":%.4f,\"rowMatrixItems\":%d",
                COSINE_TOP, (double) same / Math.max(1, compared), COSINE_TOP, overlap / Math.max(1, compared), compared);
        System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"items\":%d,\"sparkRegressionSameSets\":%.4f,\"sparkRegressionMaxScoreDifference\":%s%s}%n",
                file.getFileName(), matrix.items(), regression.sameShare(), regression.maxScoreDifference(), rowMatrixFields);
    }

    /** (user, item) pairs of the CSV read by Spark, items numbered from the smallest id as {@link Csv} numbers them. */
    private static JavaRDD<int[]> pairs(SparkSession spark, Path file) {
        JavaRDD<int[]> raw = spark.read().option("header", "true").csv(file.toString()).javaRDD()
                .map(row -> new int[] {Integer.parseInt(row.getString(0).trim()), Integer.parseInt(row.getString(1).trim())});
        int base = raw.map(p -> p[1]).reduce(Math::min);
        return raw.map(p -> new int[] {p[0], p[1] - base});
    }

    private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> strengths(SparkSession spark, JavaRDD<int[]> pairs) {
        return spark.createDataFrame(pairs.map(p -> org.apache.spark.sql.RowFactory.create(Integer.toString(p[0]), p[1], 1f)),
                SparkRegression.STRENGTHS);
    }

    /** MLlib's exact column cosine over learner rows, then each course's top 50 (ties to the lower index, as ours). */
    private static JavaPairRDD<Integer, int[]> cosineTop(JavaRDD<int[]> pairs, int items) {
        JavaRDD<Vector> rows = pairs.mapToPair(p -> new Tuple2<>(p[0], p[1])).groupByKey().map(user -> {
            int[] columns = java.util.stream.StreamSupport.stream(user._2().spliterator(), false).mapToInt(Integer::intValue)
                    .distinct().sorted().toArray();
            double[] ones = new double[columns.length];
            Arrays.fill(ones, 1);
            return Vectors.sparse(items, columns, ones);
        });
        JavaPairRDD<Integer, int[]> top = new RowMatrix(rows.rdd()).columnSimilarities().entries().toJavaRDD()
                .flatMapToPair(e -> List.of(new Tuple2<>((int) e.i(), new Tuple2<>((int) e.j(), e.value())),
                        new Tuple2<>((int) e.j(), new Tuple2<>((int) e.i(), e.value()))).iterator())
                .groupByKey()
                .mapToPair(item -> {
                    List<Tuple2<Integer, Double>> all = new ArrayList<>();
                    item._2().forEach(all::add);
                    all.sort((x, y) -> x._2().equals(y._2()) ? Integer.compare(x._1(), y._1()) : Double.compare(y._2(), x._2()));
                    return new Tuple2<>(item._1(), all.stream().limit(COSINE_TOP).mapToInt(Tuple2::_1).toArray());
                });
        top.count();
        return top;
    }

    private static String value(String[] args, String name) {
        for (int a = 0; a + 1 < args.length; a++) {
            if (args[a].equals(name)) {
                return args[a + 1];
            }
        }
        if (name.equals("--engine") && Arrays.asList(args).contains("--agreement")) {
            return "agreement";
        }
        throw new IllegalArgumentException("usage: --interactions FILE (--engine function|spark|rowmatrix | --agreement [--with-rowmatrix])");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long peakRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        }
        return -1;
    }

    /** The CSV as the function job's matrix: users by id, items from the smallest id (goodbooks numbers books from 1, rec-synthetic from 0). */
    record Csv(int users, int items, int[] user, int[] item, int count) {

        static Csv read(Path file) throws IOException {
            int[] user = new int[1 << 20];
            int[] item = new int[1 << 20];
            int n = 0;
            int minItem = Integer.MAX_VALUE;
            try (BufferedReader reader = Files.newBufferedReader(file)) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int comma = line.indexOf(',');
                    if (n == user.length) {
                        user = Arrays.copyOf(user, n * 2);
                        item = Arrays.copyOf(item, n * 2);
                    }
                    user[n] = Integer.parseInt(line.substring(0, comma).trim());
                    item[n] = Integer.parseInt(line.substring(comma + 1).trim());
                    minItem = Math.min(minItem, item[n]);
                    n++;
                }
            }
            int users = 0;
            int items = 0;
            for (int t = 0; t < n; t++) {
                item[t] -= minItem;
                users = Math.max(users, user[t] + 1);
                items = Math.max(items, item[t] + 1);
            }
            return new Csv(users, items, user, item, n);
        }

        InteractionMatrix matrix() {
            float[] ones = new float[count];
            Arrays.fill(ones, 1);
            return InteractionMatrix.of(users, items, user, item, ones, count);
        }
    }
}
