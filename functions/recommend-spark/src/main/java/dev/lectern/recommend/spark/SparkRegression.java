package dev.lectern.recommend.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import dev.lectern.recommend.model.NeighbourhoodRegression;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.lectern.recommend.model.InteractionMatrix;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The neighbourhood regression ({@link NeighbourhoodRegression}, "local EASE") computed by Spark:
 * the same neighbours, blocks and solves, without the interaction matrix in one place.
 *
 * <ol>
 *   <li>Per learner, the strongest {@code maxUserItems} courses (weight descending, index ascending).
 *       Squared norms per course summed over them (a vector of the catalogue's size, broadcast, as the
 *       course index is).</li>
 *   <li>The catalogue is cut into blocks (course index modulo the block count); each block receives
 *       the rows of its courses' learners (a learner's row travels once per block it touches, the
 *       same volume as the pairs of its courses) and computes its courses' top-K cosine neighbours
 *       and top-M dots with the function job's own first pass
 *       ({@link NeighbourhoodRegression#prepareRows}): same products, same double sums, same
 *       (score descending, index ascending) order.</li>
 *   <li>Per target j, the dots among its neighbours: each neighbour p receives N(j) and answers with
 *       the entries of its top-M row that fall in N(j) (a join keyed by p), so only the block's
 *       entries travel, never a whole row per target.</li>
 *   <li>Per target, the block is filled in the function job's order and solved by the function
 *       job's own {@link NeighbourhoodRegression#solveTarget}; the weights are regrouped per source
 *       and the {@code kept} largest collected: the model, not the matrix, reaches the driver.</li>
 * </ol>
 *
 * With whole strengths the result is the function job's to the bit; with fractional ones, sums in
 * another order may differ in the last bit of a double, which rounding to float almost always hides.
 */
public final class SparkRegression {

    private SparkRegression() {
    }

    /** The columns {@link #compute} reads: a learner, a course's index in the model, a strength. */
    public static final StructType STRENGTHS = new StructType()
            .add("learner", DataTypes.StringType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("weight", DataTypes.FloatType, false);

    /** A course's neighbours and dot row, as the first pass leaves them. */
    static final class ItemRows implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] cosIds;
        final float[] cosDots;
        final int[] dotIds;
        final float[] dotValues;

        ItemRows(int[] cosIds, float[] cosDots, int[] dotIds, float[] dotValues) {
            this.cosIds = cosIds;
            this.cosDots = cosDots;
            this.dotIds = dotIds;
            this.dotValues = dotValues;
        }
    }

    /** A neighbour's answer to a target: its position in N(j) and the block entries of its row, in row order. */
    static final class BlockRow implements Serializable {
        private static final long serialVersionUID = 1L;
        final int position;
        final int[] others;
        final float[] values;

        BlockRow(int position, int[] others, float[] values) {
            this.position = position;
            this.others = others;
            this.values = values;
        }
    }

    /** Each course's regression neighbours for {@code items} courses, as the function job's {@link NeighbourhoodRegression#compute} gives them. */
    public static Neighbours compute(SparkSession session, Dataset<Row> strengths, int items, RegressionParams params) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        int k = params.neighbours();
        int m = params.dots();
        int cap = params.maxUserItems();

        // a learner's courses after repeated pairs are summed and non-positive sums dropped, as InteractionMatrix.of does
        // (in Spark SQL's own memory layout: the widest shuffle of the job, far cheaper than objects)
        JavaRDD<float[][]> rows = strengths
                .groupBy(col("learner"), col("item")).agg(sum(col("weight")).cast(DataTypes.FloatType).as("weight"))
                .where(col("weight").gt(0))
                .groupBy(col("learner")).agg(collect_list(struct(col("item"), col("weight"))).as("courses"))
                .javaRDD()
                .map(learner -> strongest(learner.getList(1), cap));
        rows.persist(StorageLevel.MEMORY_AND_DISK());

        double[] diagonal = rows.treeAggregate(new double[items], (sum, row) -> {
            for (int p = 0; p < row[0].length; p++) {
                sum[(int) row[0][p]] += (double) row[1][p] * row[1][p];
            }
            return sum;
        }, (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
        float[] norm = new float[items];
        for (int i = 0; i < items; i++) {
            norm[i] = (float) Math.sqrt(diagonal[i]);
        }
        Broadcast<double[]> diagonals = spark.broadcast(diagonal);
        Broadcast<float[]> norms = spark.broadcast(norm);

        // each block of courses gets the rows of its courses' learners and makes their rows as the function job does
        int blocks = Math.max(1, Math.min(items, spark.defaultParallelism() * 2));
        JavaPairRDD<Integer, ItemRows> itemRows = rows
                .flatMapToPair(row -> {
                    List<Tuple2<Integer, float[][]>> copies = new ArrayList<>();
                    boolean[] sent = new boolean[blocks];
                    for (float item : row[0]) {
                        int block = (int) item % blocks;
                        if (!sent[block]) {
                            sent[block] = true;
                            copies.add(new Tuple2<>(block, row));
                        }
                    }
                    return copies.iterator();
                })
                .groupByKey(new HashPartitioner(blocks))
                .flatMapToPair(block -> blockRows(block._1(), blocks, block._2(), items, norms.value(), k, m).iterator());
        itemRows.persist(StorageLevel.MEMORY_AND_DISK());

        JavaPairRDD<Integer, Tuple2<Integer, int[]>> requests = itemRows.flatMapToPair(target -> {
            int[] members = target._2().cosIds;
            List<Tuple2<Integer, Tuple2<Integer, int[]>>> asked = new ArrayList<>(members.length);
            for (int member : members) {
                asked.add(new Tuple2<>(member, new Tuple2<>(target._1(), members)));
            }
            return asked.iterator();
        });
        JavaPairRDD<Integer, Iterable<BlockRow>> blockRows = requests.join(itemRows)
                .flatMapToPair(answer -> {
                    int member = answer._1();
                    int target = answer._2()._1()._1();
                    int[] members = answer._2()._1()._2();
                    ItemRows row = answer._2()._2();
                    BlockRow block = blockRow(member, members, row);
                    return block == null ? List.<Tuple2<Integer, BlockRow>>of().iterator()
                            : List.of(new Tuple2<>(target, block)).iterator();
                })
                .groupByKey();

        double lambda = params.lambda();
        boolean positiveOnly = params.positiveOnly();
        JavaPairRDD<Integer, Tuple2<Integer, Float>> weights = itemRows.leftOuterJoin(blockRows).flatMapToPair(target -> {
            int j = target._1();
            ItemRows rowsOfJ = target._2()._1();
            Optional<Iterable<BlockRow>> answers = target._2()._2();
            float[] w = solve(rowsOfJ, answers.isPresent() ? answers.get() : List.of(), diagonals.value(), lambda);
            List<Tuple2<Integer, Tuple2<Integer, Float>>> bySource = new ArrayList<>(w.length);
            for (int p = 0; p < w.length; p++) {
                if (!positiveOnly || w[p] > 0) {
                    bySource.add(new Tuple2<>(rowsOfJ.cosIds[p], new Tuple2<>(j, w[p])));
                }
            }
            return bySource.iterator();
        });

        int kept = params.kept();
        List<Tuple2<Integer, Tuple2<int[], float[]>>> lists = weights.groupByKey()
                .mapToPair(source -> new Tuple2<>(source._1(), best(source._2(), kept)))
                .collect();
        rows.unpersist();
        itemRows.unpersist();
        diagonals.destroy();
        norms.destroy();

        int[] ids = new int[items * kept];
        float[] scores = new float[items * kept];
        Arrays.fill(ids, -1);
        for (Tuple2<Integer, Tuple2<int[], float[]>> list : lists) {
            int base = list._1() * kept;
            System.arraycopy(list._2()._1(), 0, ids, base, list._2()._1().length);
            System.arraycopy(list._2()._2(), 0, scores, base, list._2()._2().length);
        }
        return new Neighbours(items, kept, ids, scores);
    }

    /** The rows of block {@code block}'s courses, from every learner of them: {@link NeighbourhoodRegression#prepareRows}. */
    static List<Tuple2<Integer, ItemRows>> blockRows(int block, int blocks, Iterable<float[][]> learners, int items, float[] norm,
                                                     int k, int m) {
        int count = 0;
        int users = 0;
        for (float[][] row : learners) {
            count += row[0].length;
            users++;
        }
        int[] user = new int[count];
        int[] item = new int[count];
        float[] weight = new float[count];
        boolean[] present = new boolean[items];
        int t = 0;
        int u = 0;
        for (float[][] row : learners) {
            for (int p = 0; p < row[0].length; p++) {
                user[t] = u;
                item[t] = (int) row[0][p];
                weight[t++] = row[1][p];
                present[(int) row[0][p]] = true;
            }
            u++;
        }
        int[] own = java.util.stream.IntStream.range(0, items).filter(i -> i % blocks == block && present[i]).toArray();
        NeighbourhoodRegression.Gram gram = NeighbourhoodRegression.prepareRows(InteractionMatrix.of(users, items, user, item, weight, count),
                norm, own, k, m);
        List<Tuple2<Integer, ItemRows>> rows = new ArrayList<>(own.length);
        for (int r = 0; r < own.length; r++) {
            int kk = filled(gram.neighbourIds(), r * k, k);
            int mm = filled(gram.dotIds(), r * m, m);
            rows.add(new Tuple2<>(own[r], new ItemRows(
                    Arrays.copyOfRange(gram.neighbourIds(), r * k, r * k + kk), Arrays.copyOfRange(gram.neighbourDots(), r * k, r * k + kk),
                    Arrays.copyOfRange(gram.dotIds(), r * m, r * m + mm), Arrays.copyOfRange(gram.dotValues(), r * m, r * m + mm))));
        }
        return rows;
    }

    private static int filled(int[] ids, int from, int length) {
        int n = 0;
        while (n < length && ids[from + n] >= 0) {
            n++;
        }
        return n;
    }

    /** A learner's courses and weights ({@code [0]} indexes as floats, exact below 2^24; {@code [1]} weights), the strongest {@code cap}. */
    static float[][] strongest(List<Row> courses, int cap) {
        List<Tuple2<Integer, Float>> all = new ArrayList<>(courses.size());
        for (Row course : courses) {
            all.add(new Tuple2<>(course.getInt(0), course.getFloat(1)));
        }
        if (all.size() > cap) {
            all.sort(SparkRegression::bestFirst);
            all = all.subList(0, cap);
        }
        float[][] row = new float[2][all.size()];
        for (int p = 0; p < all.size(); p++) {
            row[0][p] = all.get(p)._1();
            row[1][p] = all.get(p)._2();
        }
        return row;
    }

    /** The entries of {@code member}'s dot row that fall in N(target), in row order, or null when there are none. */
    static BlockRow blockRow(int member, int[] members, ItemRows row) {
        Map<Integer, Integer> position = new HashMap<>(members.length * 2);
        for (int p = 0; p < members.length; p++) {
            position.put(members[p], p);
        }
        int[] others = new int[row.dotIds.length];
        float[] values = new float[row.dotIds.length];
        int n = 0;
        for (int s = 0; s < row.dotIds.length; s++) {
            Integer q = position.get(row.dotIds[s]);
            if (q != null && row.dotIds[s] != member) {
                others[n] = q;
                values[n++] = row.dotValues[s];
            }
        }
        return n == 0 ? null : new BlockRow(position.get(member), Arrays.copyOf(others, n), Arrays.copyOf(values, n));
    }

    /** Fills target j's block as the function job does (members in N(j) order, each row's entries in its order) and solves it. */
    static float[] solve(ItemRows target, Iterable<BlockRow> answers, double[] diagonal, double lambda) {
        int n = target.cosIds.length;
        BlockRow[] byPosition = new BlockRow[n];
        answers.forEach(row -> byPosition[row.position] = row);
        double[] a = new double[n * n];
        for (int p = 0; p < n; p++) {
            a[p * n + p] = diagonal[target.cosIds[p]];
            BlockRow row = byPosition[p];
            if (row == null) {
                continue;
            }
            for (int s = 0; s < row.others.length; s++) {
                int q = row.others[s];
                if (q != p) {
                    a[p * n + q] = row.values[s];
                    a[q * n + p] = row.values[s];
                }
            }
        }
        double[] rhs = new double[n];
        for (int p = 0; p < n; p++) {
            rhs[p] = target.cosDots[p];
        }
        double[] out = new double[n];
        NeighbourhoodRegression.solveTarget(a, rhs, n, lambda, new double[n * n], out);
        float[] weights = new float[n];
        for (int p = 0; p < n; p++) {
            weights[p] = (float) out[p];
        }
        return weights;
    }

    /** (score descending, index ascending), with float comparisons as the function job's TopK makes them. */
    private static int bestFirst(Tuple2<Integer, Float> x, Tuple2<Integer, Float> y) {
        float a = x._2();
        float b = y._2();
        return a == b ? Integer.compare(x._1(), y._1()) : a > b ? -1 : 1;
    }

    /** The {@code kept} largest weights of a source's targets, by (weight descending, target ascending). */
    static Tuple2<int[], float[]> best(Iterable<Tuple2<Integer, Float>> targets, int kept) {
        List<Tuple2<Integer, Float>> all = new ArrayList<>();
        targets.forEach(all::add);
        all.sort(SparkRegression::bestFirst);
        int n = Math.min(kept, all.size());
        int[] ids = new int[n];
        float[] scores = new float[n];
        for (int p = 0; p < n; p++) {
            ids[p] = all.get(p)._1();
            scores[p] = all.get(p)._2();
        }
        return new Tuple2<>(ids, scores);
    }
}
