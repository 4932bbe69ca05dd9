package dev.lectern.recommend;

import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of the recommendation model as serving holds it: the published courses the job saw
 * (by index), what serving needs to know of each (creator, language, tags, popularity), every
 * course's neighbours (collaborative, completed with content neighbours for courses with little or
 * no behaviour) and the matrix-factorisation item factors. Immutable; the lookups serving needs per
 * request (id → index, the most popular courses per tag and language) are built once per version.
 */
public final class RecommendModel {

    /** Courses kept per tag and per language in the popularity lists. */
    static final int POPULAR_KEPT = 100;

    final String version;
    final Instant createdAt;
    final String[] courseIds;
    final String[] creators;
    final int[] creatorOf;
    final String[] languages;
    final int[] languageOf;
    final String[] tags;
    final int[][] tagsOf;
    /** Each course's decayed interaction strength summed over learners. */
    final float[] popularity;
    final Neighbours neighbours;
    /** Item factors only ({@code users} 0); rank 0 when the job trained none. */
    final Factors factors;

    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> tagIndex = new HashMap<>();
    private final Map<String, Integer> languageIndex = new HashMap<>();
    private final int[][] popularByTag;
    private final int[][] popularByLanguage;
    private final int[] popular;

    /**
     * Public for the serving benchmark (bench/RecommendServingBenchmark), which publishes a synthetic
     * 100k-course version through {@link ModelStore} as the job would; the checks below keep any
     * caller from building an inconsistent model.
     */
    public RecommendModel(String version, Instant createdAt, String[] courseIds, String[] creators, int[] creatorOf,
                   String[] languages, int[] languageOf, String[] tags, int[][] tagsOf, float[] popularity,
                   Neighbours neighbours, Factors factors) {
        int n = courseIds.length;
        if (creatorOf.length != n || languageOf.length != n || tagsOf.length != n || popularity.length != n
                || neighbours.items() != n || factors.items() != n) {
            throw new IllegalArgumentException("every per-course array must have one entry per course");
        }
        this.version = version;
        this.createdAt = createdAt;
        this.courseIds = courseIds;
        this.creators = creators;
        this.creatorOf = creatorOf;
        this.languages = languages;
        this.languageOf = languageOf;
        this.tags = tags;
        this.tagsOf = tagsOf;
        this.popularity = popularity;
        this.neighbours = neighbours;
        this.factors = factors;
        for (int i = 0; i < n; i++) {
            index.put(courseIds[i], i);
        }
        for (int t = 0; t < tags.length; t++) {
            tagIndex.put(tags[t], t);
        }
        for (int l = 0; l < languages.length; l++) {
            languageIndex.put(languages[l], l);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> popularity[b] != popularity[a] ? Float.compare(popularity[b], popularity[a])
                : courseIds[a].compareTo(courseIds[b]));
        List<List<Integer>> byTag = lists(tags.length);
        List<List<Integer>> byLanguage = lists(languages.length);
        List<Integer> all = new ArrayList<>();
        for (int i : order) {
            addBounded(all, i);
            addBounded(byLanguage.get(languageOf[i]), i);
            for (int t : tagsOf[i]) {
                addBounded(byTag.get(t), i);
            }
        }
        popularByTag = byTag.stream().map(RecommendModel::ints).toArray(int[][]::new);
        popularByLanguage = byLanguage.stream().map(RecommendModel::ints).toArray(int[][]::new);
        popular = ints(all);
    }

    public String version() {
        return version;
    }

    /** Each course's neighbours by index, best first: behaviour, then content. */
    public Neighbours neighbours() {
        return neighbours;
    }

    public int courses() {
        return courseIds.length;
    }

    public String courseId(int index) {
        return courseIds[index];
    }

    /** The index of a course, or −1 when this version does not know it. */
    public int indexOf(String courseId) {
        return index.getOrDefault(courseId, -1);
    }

    public int tagIndex(String tag) {
        return tagIndex.getOrDefault(tag, -1);
    }

    public int languageIndex(String language) {
        return languageIndex.getOrDefault(language, -1);
    }

    /** The most popular courses with a tag, most popular first (at most {@value #POPULAR_KEPT}). */
    public int[] popularWithTag(int tag) {
        return popularByTag[tag];
    }

    /** The most popular courses in a language, most popular first. */
    public int[] popularInLanguage(int language) {
        return popularByLanguage[language];
    }

    /** The most popular courses, most popular first. */
    public int[] popular() {
        return popular;
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static void addBounded(List<Integer> list, int i) {
        if (list.size() < POPULAR_KEPT) {
            list.add(i);
        }
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
