package dev.lectern.bench;

import dev.lectern.recommend.model.InteractionMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An interactions CSV as a matrix: header {@code user_id,item_id[,weight][,timestamp]} (any names;
 * the first column is the user and the second the item, so goodbooks' {@code user_id,book_id}
 * reads as it is; a third column named {@code timestamp} or {@code time} is a timestamp, otherwise a
 * weight). Ids are arbitrary strings, numbered in order of first appearance. Without a weight
 * column every row has strength 1; repeated pairs are summed.
 *
 * @param time each stored pair's latest timestamp, aligned with {@code matrix.userItems()}, or null
 */
record Interactions(InteractionMatrix matrix, long[] time, List<String> userIds, List<String> itemIds) {

    static Interactions read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int lineEnd = indexOf(bytes, 0, (byte) '\n');
        String header = new String(bytes, 0, lineEnd < 0 ? bytes.length : lineEnd, StandardCharsets.UTF_8).strip();
        String[] columns = header.split(",");
        if (columns.length < 2 || columns.length > 4) {
            throw new IllegalArgumentException(file + ": the header must be user_id,item_id[,weight][,timestamp], not \"" + header + "\"");
        }
        int weightColumn = -1;
        int timeColumn = -1;
        for (int c = 2; c < columns.length; c++) {
            String name = columns[c].strip().toLowerCase(Locale.ROOT);
            if (name.equals("timestamp") || name.equals("time") || (columns.length == 4 && c == 3)) {
                timeColumn = c;
            } else {
                weightColumn = c;
            }
        }
        Ids users = new Ids();
        Ids items = new Ids();
        int capacity = Math.max(16, bytes.length / 8);
        int[] user = new int[capacity];
        int[] item = new int[capacity];
        float[] weight = new float[capacity];
        long[] time = timeColumn < 0 ? null : new long[capacity];
        int count = 0;
        int[] fieldStart = new int[columns.length];
        int[] fieldEnd = new int[columns.length];
        int line = 1;
        for (int pos = lineEnd < 0 ? bytes.length : lineEnd + 1; pos < bytes.length; ) {
            int end = indexOf(bytes, pos, (byte) '\n');
            if (end < 0) {
                end = bytes.length;
            }
            line++;
            int stop = end > pos && bytes[end - 1] == '\r' ? end - 1 : end;
            if (stop > pos) {
                int fields = 0;
                int from = pos;
                for (int p = pos; p <= stop && fields < columns.length; p++) {
                    if (p == stop || bytes[p] == ',') {
                        fieldStart[fields] = from;
                        fieldEnd[fields] = p;
                        fields++;
                        from = p + 1;
                    }
                }
                if (fields != columns.length) {
                    throw new IllegalArgumentException(file + " line " + line + ": expected " + columns.length + " fields");
                }
                if (count == user.length) {
                    int grown = count * 2;
                    user = Arrays.copyOf(user, grown);
                    item = Arrays.copyOf(item, grown);
                    weight = Arrays.copyOf(weight, grown);
                    time = time == null ? null : Arrays.copyOf(time, grown);
                }
                user[count] = users.index(bytes, fieldStart[0], fieldEnd[0]);
                item[count] = items.index(bytes, fieldStart[1], fieldEnd[1]);
                weight[count] = weightColumn < 0 ? 1f
                        : Float.parseFloat(text(bytes, fieldStart[weightColumn], fieldEnd[weightColumn]));
                if (time != null) {
                    time[count] = Long.parseLong(text(bytes, fieldStart[timeColumn], fieldEnd[timeColumn]));
                }
                count++;
            }
            pos = end + 1;
        }
        InteractionMatrix matrix = InteractionMatrix.of(users.size(), items.size(), user, item, weight, count);
        return new Interactions(matrix, time == null ? null : latest(matrix, user, item, time, count), users.names, items.names);
    }

    /** Each stored pair's latest timestamp (pairs the matrix left out are skipped). */
    private static long[] latest(InteractionMatrix matrix, int[] user, int[] item, long[] time, int count) {
        long[] latest = new long[matrix.nonZeros()];
        Arrays.fill(latest, Long.MIN_VALUE);
        int[] start = matrix.userStart();
        for (int t = 0; t < count; t++) {
            int p = Arrays.binarySearch(matrix.userItems(), start[user[t]], start[user[t] + 1], item[t]);
            if (p >= 0) {
                latest[p] = Math.max(latest[p], time[t]);
            }
        }
        return latest;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8).strip();
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int p = from; p < bytes.length; p++) {
            if (bytes[p] == b) {
                return p;
            }
        }
        return -1;
    }

    /** Dense numbers for string ids; a short all-digit id is looked up without making a String. */
    private static final class Ids {
        private final Map<String, Integer> byName = new HashMap<>();
        private final Map<Long, Integer> byNumber = new HashMap<>();
        private int[] numbered = new int[1024];
        private final List<String> names = new ArrayList<>();

        int index(byte[] bytes, int from, int to) {
            long number = 0;
            boolean digits = to > from && to - from <= 9 && (bytes[from] != '0' || to - from == 1);
            for (int p = from; digits && p < to; p++) {
                int d = bytes[p] - '0';
                digits = d >= 0 && d <= 9;
                number = number * 10 + d;
            }
            if (digits) {
                // a direct table for small numeric ids, the usual case, else a map; either way the id's text is the name
                if (number < 1 << 24) {
                    int n = (int) number;
                    if (n >= numbered.length) {
                        numbered = Arrays.copyOf(numbered, Math.max(n + 1, numbered.length * 2));
                    }
                    if (numbered[n] == 0) {
                        names.add(Long.toString(number));
                        numbered[n] = names.size();
                    }
                    return numbered[n] - 1;
                }
                return byNumber.computeIfAbsent(number, key -> add(key.toString()));
            }
            return byName.computeIfAbsent(new String(bytes, from, to - from, StandardCharsets.UTF_8), this::add);
        }

        private int add(String name) {
            names.add(name);
            return names.size() - 1;
        }

        int size() {
            return names.size();
        }
    }
}
