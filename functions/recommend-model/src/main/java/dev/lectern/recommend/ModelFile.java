package dev.lectern.recommend;

import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The model's binary form: one object per version ({@code recommend/<version>/model.bin}). Strings
 * are modified UTF-8 with a length; the big arrays (neighbours, scores, factors) are written as
 * raw big-endian blocks so a 100k-course model loads in one pass without per-number parsing.
 *
 * <pre>
 * "LECTERN-RECOMMEND" format(int=1) version(str) createdAt(long ms)
 * n(int) courseIds(n str)  creators(table) creatorOf(int[n])  languages(table) languageOf(int[n])
 * tags(table) per course: count(int) tag indexes(int[count])  popularity(float[n])
 * k(int) neighbour ids(int[n·k]) scores(float[n·k])  rank(int) item factors(float[n·rank])
 * </pre>
 */
public final class ModelFile {

    private static final String MAGIC = "LECTERN-RECOMMEND";
    private static final int FORMAT = 1;
    /** Large arrays are copied through a buffer of this many bytes. */
    private static final int CHUNK = 1 << 16;

    private ModelFile() {
    }

    public static void write(RecommendModel m, OutputStream target) {
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, CHUNK));
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(m.version);
            out.writeLong(m.createdAt.toEpochMilli());
            strings(out, m.courseIds);
            strings(out, m.creators);
            ints(out, m.creatorOf);
            strings(out, m.languages);
            ints(out, m.languageOf);
            strings(out, m.tags);
            for (int[] tags : m.tagsOf) {
                ints(out, tags);
            }
            floats(out, m.popularity);
            out.writeInt(m.neighbours.k());
            ints(out, m.neighbours.ids());
            floats(out, m.neighbours.scores());
            out.writeInt(m.factors.rank());
            floats(out, m.factors.itemFactors());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RecommendModel read(InputStream source) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(source, CHUNK));
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new IllegalStateException("not a recommendation model of format " + FORMAT);
            }
            String version = in.readUTF();
            Instant createdAt = Instant.ofEpochMilli(in.readLong());
            String[] courseIds = strings(in);
            int n = courseIds.length;
            String[] creators = strings(in);
            int[] creatorOf = ints(in);
            String[] languages = strings(in);
            int[] languageOf = ints(in);
            String[] tags = strings(in);
            int[][] tagsOf = new int[n][];
            for (int i = 0; i < n; i++) {
                tagsOf[i] = ints(in);
            }
            float[] popularity = floats(in);
            int k = in.readInt();
            Neighbours neighbours = new Neighbours(n, k, ints(in), floats(in));
            int rank = in.readInt();
            Factors factors = new Factors(rank, n, floats(in), 0, new float[0]);
            return new RecommendModel(version, createdAt, courseIds, creators, creatorOf, languages, languageOf, tags, tagsOf,
                    popularity, neighbours, factors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(DataOutputStream out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static String[] strings(DataInputStream in) throws IOException {
        String[] values = new String[count(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readUTF();
        }
        return values;
    }

    private static void ints(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (int from = 0; from < values.length; from += CHUNK / 4) {
            int to = Math.min(values.length, from + CHUNK / 4);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, to - from);
            out.write(buffer.array(), 0, (to - from) * 4);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] values = new int[count(in)];
        byte[] bytes = new byte[CHUNK];
        for (int from = 0; from < values.length; from += CHUNK / 4) {
            int to = Math.min(values.length, from + CHUNK / 4);
            in.readFully(bytes, 0, (to - from) * 4);
            ByteBuffer.wrap(bytes).asIntBuffer().get(values, from, to - from);
        }
        return values;
    }

    private static void floats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (int from = 0; from < values.length; from += CHUNK / 4) {
            int to = Math.min(values.length, from + CHUNK / 4);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, to - from);
            out.write(buffer.array(), 0, (to - from) * 4);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] values = new float[count(in)];
        byte[] bytes = new byte[CHUNK];
        for (int from = 0; from < values.length; from += CHUNK / 4) {
            int to = Math.min(values.length, from + CHUNK / 4);
            in.readFully(bytes, 0, (to - from) * 4);
            ByteBuffer.wrap(bytes).asFloatBuffer().get(values, from, to - from);
        }
        return values;
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IllegalStateException("a negative length in a model file");
        }
        return count;
    }
}
