package dev.lectern.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-memory inverted index over published courses' title, subtitle, tags and creator name, with relevance
 * ranking (field-weighted term frequency times inverse document frequency).
 *
 * <p>Text is folded before it is cut: Unicode compatibility decomposition, accents removed,
 * lower case — so "Café" finds "cafe". Latin, Cyrillic and other spaced scripts are cut into
 * words; Chinese, Japanese and Korean runs, which have no spaces, into overlapping character
 * bigrams (a lone character stays a unigram), the usual approach of search engines without a
 * dictionary: "机器学习" is indexed as 机器, 器学, 学习 and a query "学习" finds it.
 *
 * <p>Documents are appended; an update appends a new version and tombstones the old one, so
 * readers never see a half-built posting list. Not thread-safe for writers: the holder swaps a
 * rebuilt or refreshed index under its own lock.
 */
public final class SearchIndex {

    /** What one course contributes to the index; {@code facets} serve filtering and the popular and rating orders. */
    public record Document(String courseId, String title, String subtitle, List<String> tags, String creatorName,
                           long publishedAtMillis, Facets facets) {

        public Document(String courseId, String title, String subtitle, List<String> tags, String creatorName, long publishedAtMillis) {
            this(courseId, title, subtitle, tags, creatorName, publishedAtMillis, Facets.NONE);
        }
    }

    public record Facets(String creatorId, String level, String language, long priceAmount, long enrollments,
                         long ratingCount, long ratingSum) {
        static final Facets NONE = new Facets("", "", "", 0, 0, 0, 0);

        public double ratingAverage() {
            return ratingCount == 0 ? 0 : (double) ratingSum / ratingCount;
        }
    }

    public record Hit(String courseId, double score) {
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int TITLE_WEIGHT = 3;
    private static final int TAG_WEIGHT = 2;
    private static final int SUBTITLE_WEIGHT = 1;
    private static final int CREATOR_WEIGHT = 1;

    private final Map<String, int[]> postings = new HashMap<>();
    private final Map<String, Integer> postingSizes = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Document> documents = new ArrayList<>();
    private final List<Long> published = new ArrayList<>();
    private final Map<String, Integer> current = new HashMap<>();
    private final BitSet deleted = new BitSet();

    public int size() {
        return current.size();
    }

    public int tombstones() {
        return deleted.cardinality();
    }

    /**
     * Adds or replaces a course. A change of its facets alone (counters, price, level...) replaces
     * them in place: no tombstone, so enrolments and reviews do not bring the next full rebuild closer.
     */
    public void put(Document document) {
        Integer existing = current.get(document.courseId());
        if (existing != null && sameText(documents.get(existing), document)) {
            documents.set(existing, document);
            return;
        }
        remove(document.courseId());
        int doc = ids.size();
        ids.add(document.courseId());
        documents.add(document);
        published.add(document.publishedAtMillis());
        current.put(document.courseId(), doc);
        Map<String, Integer> weights = new HashMap<>();
        tokens(document.title()).forEach(t -> weights.merge(t, TITLE_WEIGHT, Integer::sum));
        tokens(document.subtitle()).forEach(t -> weights.merge(t, SUBTITLE_WEIGHT, Integer::sum));
        tokens(document.creatorName()).forEach(t -> weights.merge(t, CREATOR_WEIGHT, Integer::sum));
        document.tags().forEach(tag -> tokens(tag).forEach(t -> weights.merge(t, TAG_WEIGHT, Integer::sum)));
        weights.forEach((token, weight) -> append(token, doc, weight));
    }

    /** Whether two versions of a course index the same terms and rank the same on ties. */
    private static boolean sameText(Document a, Document b) {
        return a.title().equals(b.title()) && a.subtitle().equals(b.subtitle()) && a.tags().equals(b.tags())
                && a.creatorName().equals(b.creatorName()) && a.publishedAtMillis() == b.publishedAtMillis();
    }

    public void remove(String courseId) {
        Integer doc = current.remove(courseId);
        if (doc != null) {
            deleted.set(doc);
        }
    }

    /**
     * The best {@code limit} courses for the query: every query term must match; when nothing
     * matches all terms, any term will do (ranked by how much matched).
     */
    public List<Hit> search(String query, int limit) {
        List<String> terms = List.copyOf(new LinkedHashSet<>(tokens(query)));
        if (terms.isEmpty()) {
            return List.of();
        }
        List<Hit> all = rank(terms, true, limit);
        return all.isEmpty() ? rank(terms, false, limit) : all;
    }

    private List<Hit> rank(List<String> terms, boolean requireAll, int limit) {
        Map<Integer, double[]> scores = new HashMap<>();
        int live = Math.max(1, size());
        for (String term : terms) {
            int[] list = postings.get(term);
            if (list == null) {
                if (requireAll) {
                    return List.of();
                }
                continue;
            }
            int n = postingSizes.get(term);
            double idf = Math.log(1 + (double) live / (n / 2));
            for (int i = 0; i < n; i += 2) {
                int doc = list[i];
                if (!deleted.get(doc)) {
                    double[] s = scores.computeIfAbsent(doc, d -> new double[2]);
                    s[0] += list[i + 1] * idf;
                    s[1] += 1;
                }
            }
        }
        return scores.entrySet().stream()
                .filter(e -> !requireAll || e.getValue()[1] == terms.size())
                .sorted((a, b) -> {
                    int byScore = Double.compare(b.getValue()[0], a.getValue()[0]);
                    return byScore != 0 ? byScore : Long.compare(published.get(b.getKey()), published.get(a.getKey()));
                })
                .limit(limit)
                .map(e -> new Hit(ids.get(e.getKey()), Math.round(e.getValue()[0] * 1000) / 1000.0))
                .toList();
    }

    private void append(String token, int doc, int weight) {
        int size = postingSizes.getOrDefault(token, 0);
        int[] list = postings.get(token);
        if (list == null) {
            list = new int[4];
        } else if (size + 2 > list.length) {
            list = Arrays.copyOf(list, list.length * 2);
        }
        list[size] = doc;
        list[size + 1] = weight;
        postings.put(token, list);
        postingSizes.put(token, size + 2);
    }

    /** Folds and cuts text into index terms (see the class comment). */
    public static List<String> tokens(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder cjk = new StringBuilder();
        folded.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                flushWord(word, out);
                cjk.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushCjk(cjk, out);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, out);
                flushCjk(cjk, out);
            }
        });
        flushWord(word, out);
        flushCjk(cjk, out);
        return out;
    }

    private static void flushWord(StringBuilder word, List<String> out) {
        if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flushCjk(StringBuilder run, List<String> out) {
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            out.add(new String(cps, 0, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            out.add(new String(cps, i, 2));
        }
        run.setLength(0);
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** Live documents that pass the filter, in the given order: the popular and rating listings. */
    public List<Document> browse(Predicate<Document> filter, Comparator<Document> order) {
        return current.values().stream().map(documents::get).filter(filter).sorted(order).toList();
    }

    /** Terms in the index, for the memory figure in docs/performance.md. */
    public Set<String> terms() {
        return postings.keySet();
    }
}
