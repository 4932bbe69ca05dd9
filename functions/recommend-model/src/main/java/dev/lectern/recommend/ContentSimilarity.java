package dev.lectern.recommend;

import dev.lectern.recommend.model.InteractionMatrix;
import dev.lectern.recommend.model.ItemSimilarity;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.SimilarityParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Courses alike in what they say about themselves: tags and title terms (Latin words of three
 * letters or more, Han characters as overlapping pairs, since Chinese titles have no spaces), each
 * weighted by its inverse document frequency, compared by cosine — the same computation as the
 * behaviour similarity, with terms in the place of learners — and kept only within a language. It
 * is how a course nobody has touched yet becomes reachable.
 */
public final class ContentSimilarity {

    /** Content neighbours computed per course before the language filter. */
    static final int CANDIDATES = 40;
    /** A term more common than this says little and costs the square of its frequency: left out. */
    static final int MAX_COURSES_PER_TERM = 500;
    /** A tag is chosen by the creator to say what the course is about: it counts twice a title word. */
    static final float TAG_WEIGHT = 2;

    private ContentSimilarity() {
    }

    /** Each course's content neighbours in its own language, best first. */
    public static Neighbours compute(List<CourseFacts> courses, int kept) {
        int n = courses.size();
        List<Set<String>> termsOf = new ArrayList<>(n);
        Map<String, Integer> frequency = new HashMap<>();
        for (CourseFacts course : courses) {
            Set<String> terms = terms(course);
            termsOf.add(terms);
            terms.forEach(t -> frequency.merge(t, 1, Integer::sum));
        }
        Map<String, Integer> termIndex = new HashMap<>();
        List<Integer> users = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (String term : termsOf.get(i)) {
                int df = frequency.get(term);
                if (df < 2 || df > MAX_COURSES_PER_TERM) {
                    continue;
                }
                float idf = (float) Math.log((double) n / df);
                users.add(termIndex.computeIfAbsent(term, t -> termIndex.size()));
                items.add(i);
                weights.add(term.startsWith("tag:") ? TAG_WEIGHT * idf : idf);
            }
        }
        int count = users.size();
        InteractionMatrix matrix = InteractionMatrix.of(termIndex.size(), n, users.stream().mapToInt(Integer::intValue).toArray(),
                items.stream().mapToInt(Integer::intValue).toArray(), floats(weights), count);
        Neighbours all = ItemSimilarity.compute(matrix,
                new SimilarityParams(CANDIDATES, 0, 0.5, 1, MAX_COURSES_PER_TERM));
        int[] ids = new int[n * kept];
        float[] scores = new float[n * kept];
        java.util.Arrays.fill(ids, -1);
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int j = 0; j < all.count(i) && k < kept; j++) {
                int other = all.id(i, j);
                if (courses.get(other).language().equals(courses.get(i).language())) {
                    ids[i * kept + k] = other;
                    scores[i * kept + k] = all.score(i, j);
                    k++;
                }
            }
        }
        return new Neighbours(n, kept, ids, scores);
    }

    static Set<String> terms(CourseFacts course) {
        Set<String> terms = new LinkedHashSet<>();
        course.tags().forEach(tag -> terms.add("tag:" + tag.toLowerCase(Locale.ROOT)));
        String title = course.title().toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        StringBuilder han = new StringBuilder();
        for (int p = 0; p < title.length(); ) {
            int c = title.codePointAt(p);
            p += Character.charCount(c);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                flushWord(word, terms);
                han.appendCodePoint(c);
            } else if (Character.isLetterOrDigit(c)) {
                flushHan(han, terms);
                word.appendCodePoint(c);
            } else {
                flushWord(word, terms);
                flushHan(han, terms);
            }
        }
        flushWord(word, terms);
        flushHan(han, terms);
        return terms;
    }

    private static void flushWord(StringBuilder word, Set<String> terms) {
        if (word.codePointCount(0, word.length()) >= 3) {
            terms.add(word.toString());
        }
        word.setLength(0);
    }

    private static void flushHan(StringBuilder han, Set<String> terms) {
        int[] chars = han.codePoints().toArray();
        if (chars.length == 1) {
            terms.add(new String(chars, 0, 1));
        }
        for (int i = 0; i + 1 < chars.length; i++) {
            terms.add(new String(chars, i, 2));
        }
        han.setLength(0);
    }

    static float[] floats(List<Float> values) {
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }
}
