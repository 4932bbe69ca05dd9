package dev.lectern.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.Scoring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to recommend, from one model version and what serving knows live (the learner's courses,
 * what is trending): plain logic, no storage. Candidates come in the order they should be shown;
 * serving asks for more than it shows and drops those that are no longer published.
 */
public final class Recommender {

    /** Why a course is recommended: {@code because_you_took} a course, {@code popular_in} a tag or language, {@code trending}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(String type, String courseId, String tag, String language) {

        static Reason becauseYouTook(String courseId) {
            return new Reason("because_you_took", courseId, null, null);
        }

        static Reason popularWithTag(String tag) {
            return new Reason("popular_in", null, tag, null);
        }

        static Reason popularInLanguage(String language) {
            return new Reason("popular_in", null, null, language);
        }

        static Reason trending() {
            return new Reason("trending", null, null, null);
        }
    }

    /** A course to show, with the evidence behind its reason (similarity, popularity or trending activity). */
    public record Candidate(String courseId, double score, Reason reason) {
    }

    /** A course trending now, from the live counters. */
    public record Trend(String courseId, double score) {
    }

    private final RecommendModel model;

    public Recommender(RecommendModel model) {
        this.model = model;
    }

    /**
     * Courses similar to one, best first, never itself: its neighbours in the model, then (for a
     * course with few or none, or one the model does not know yet) popular courses sharing its tags.
     *
     * @param tags the course's tags, for a course the model does not know
     */
    public List<Candidate> similar(String courseId, Collection<String> tags, int wanted) {
        Selection selection = new Selection(Set.of(courseId), null, Integer.MAX_VALUE, wanted);
        int item = model.indexOf(courseId);
        if (item >= 0) {
            Neighbours n = model.neighbours;
            for (int j = 0, count = n.count(item); j < count; j++) {
                selection.offer(n.id(item, j), n.score(item, j), null);
            }
        }
        for (String tag : item >= 0 ? tagsOf(item) : List.copyOf(tags)) {
            int t = model.tagIndex(tag);
            if (t >= 0) {
                selection.offerPopular(model.popularWithTag(t), null);
            }
        }
        return selection.candidates();
    }

    /**
     * A learner's recommendations: courses like theirs ({@code because_you_took}, the one of theirs
     * that contributes most), then popular courses in their courses' tags, then what is trending in
     * their language, then what is popular in it. Never a course they have or made, and at most
     * {@code perCreator} of one creator's: the model knows every course's creator, so serving reads
     * only courses it may show (a trending course newer than the model is checked when read). A
     * course unpublished since the model was built still takes its place under its creator's cap
     * until the next run: its creator then shows one course fewer, never one more.
     *
     * @param learnerId the learner, who may be a creator too
     * @param owned     the learner's courses (every entitlement, active or not) and the strength of each
     * @param language  the learner's language, or null
     * @param trending  what is trending now, most first
     */
    public List<Candidate> forLearner(String learnerId, Map<String, Float> owned, String language, List<Trend> trending,
                                      int perCreator, int wanted) {
        Selection selection = new Selection(owned.keySet(), learnerId, perCreator, wanted);
        List<Integer> items = new ArrayList<>();
        List<Float> strengths = new ArrayList<>();
        owned.forEach((courseId, strength) -> {
            int item = model.indexOf(courseId);
            if (item >= 0 && strength > 0) {
                items.add(item);
                strengths.add(strength);
            }
        });
        if (!items.isEmpty()) {
            collaborative(items, strengths, selection);
            for (String tag : tagsByFrequency(items)) {
                selection.offerPopular(model.popularWithTag(model.tagIndex(tag)), Reason.popularWithTag(tag));
            }
        }
        for (Trend trend : trending) {
            if (speaks(trend.courseId(), language)) {
                selection.offer(trend.courseId(), trend.score(), Reason.trending());
            }
        }
        if (language != null) {
            for (int l = 0; l < model.languages.length; l++) {
                if (Languages.matches(model.languages[l], language)) {
                    selection.offerPopular(model.popularInLanguage(l), Reason.popularInLanguage(model.languages[l]));
                }
            }
        }
        return selection.candidates();
    }

    private void collaborative(List<Integer> items, List<Float> strengths, Selection selection) {
        int[] js = items.stream().mapToInt(Integer::intValue).toArray();
        float[] ws = new float[js.length];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = strengths.get(i);
        }
        float[] scores = new float[model.courses()];
        Scoring.knn(model.neighbours, js, ws, scores);
        for (int j : js) {
            scores[j] = 0;
        }
        // enough for the wanted ones past the learner's own courses and the creators' caps
        int[] top = top(scores, neighboursOf(js), 2 * selection.wanted + selection.excluded.size());
        int[] sources = strongestSources(top, js, ws);
        for (int r = 0; r < top.length; r++) {
            selection.offer(top[r], scores[top[r]], Reason.becauseYouTook(model.courseIds[sources[r]]));
        }
    }

    /**
     * The candidates chosen so far, in order, and the rules a new one must pass: not excluded, not
     * yet chosen, not made by the learner, its creator under the cap.
     */
    private final class Selection {

        private final Map<String, Candidate> chosen = new LinkedHashMap<>();
        private final Map<Integer, Integer> perCreatorChosen = new HashMap<>();
        private final Set<String> excluded;
        private final String learnerId;
        private final int perCreator;
        private final int wanted;

        Selection(Set<String> excluded, String learnerId, int perCreator, int wanted) {
            this.excluded = excluded;
            this.learnerId = learnerId;
            this.perCreator = perCreator;
            this.wanted = wanted;
        }

        /** A course the model may not know (a trending one newer than the model): rules by creator only if it does. */
        void offer(String courseId, double score, Reason reason) {
            int item = model.indexOf(courseId);
            if (item >= 0) {
                offer(item, score, reason);
            } else if (chosen.size() < wanted && !excluded.contains(courseId)) {
                chosen.putIfAbsent(courseId, new Candidate(courseId, score, reason));
            }
        }

        void offer(int item, double score, Reason reason) {
            String courseId = model.courseIds[item];
            if (chosen.size() >= wanted || excluded.contains(courseId) || chosen.containsKey(courseId)) {
                return;
            }
            int creator = model.creatorOf[item];
            if (model.creators[creator].equals(learnerId) || perCreatorChosen.getOrDefault(creator, 0) >= perCreator) {
                return;
            }
            perCreatorChosen.merge(creator, 1, Integer::sum);
            chosen.put(courseId, new Candidate(courseId, score, reason));
        }

        void offerPopular(int[] popular, Reason reason) {
            for (int i = 0; i < popular.length && chosen.size() < wanted; i++) {
                if (model.popularity[popular[i]] > 0) {
                    offer(popular[i], model.popularity[popular[i]], reason);
                }
            }
        }

        List<Candidate> candidates() {
            return List.copyOf(chosen.values());
        }
    }

    /**
     * For each item, the learner's course that contributes most to its score (of equals, the first in
     * the learner's order), from one pass over their courses' neighbour lists: asking per item walked
     * every list again for each item, half of the route's CPU at 100k courses (docs/performance.md).
     */
    private int[] strongestSources(int[] items, int[] js, float[] ws) {
        Map<Integer, Integer> slotOf = new HashMap<>();
        for (int r = 0; r < items.length; r++) {
            slotOf.put(items[r], r);
        }
        int[] best = new int[items.length];
        float[] bestContribution = new float[items.length];
        Arrays.fill(best, js[0]);
        Arrays.fill(bestContribution, -1);
        Neighbours n = model.neighbours;
        for (int s = 0; s < js.length; s++) {
            for (int j = 0, count = n.count(js[s]); j < count; j++) {
                Integer slot = slotOf.get(n.id(js[s], j));
                float contribution = ws[s] * n.score(js[s], j);
                if (slot != null && contribution > bestContribution[slot]) {
                    bestContribution[slot] = contribution;
                    best[slot] = js[s];
                }
            }
        }
        return best;
    }

    /** The learner's courses' neighbours, each once: the only items {@link Scoring#knn} gives a score. */
    private int[] neighboursOf(int[] js) {
        BitSet seen = new BitSet(model.courses());
        Neighbours n = model.neighbours;
        for (int s : js) {
            for (int j = 0, count = n.count(s); j < count; j++) {
                seen.set(n.id(s, j));
            }
        }
        return seen.stream().toArray();
    }

    /** Of the candidates, the indexes of the {@code count} highest positive scores, highest first (ties by index). */
    static int[] top(float[] scores, int[] candidates, int count) {
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(
                (a, b) -> scores[a] != scores[b] ? Float.compare(scores[a], scores[b]) : Integer.compare(b, a));
        for (int i : candidates) {
            if (scores[i] > 0) {
                heap.add(i);
                if (heap.size() > count) {
                    heap.poll();
                }
            }
        }
        int[] result = new int[heap.size()];
        for (int i = result.length - 1; i >= 0; i--) {
            result[i] = heap.poll();
        }
        return result;
    }

    private List<String> tagsOf(int item) {
        List<String> tags = new ArrayList<>();
        for (int t : model.tagsOf[item]) {
            tags.add(model.tags[t]);
        }
        return tags;
    }

    private List<String> tagsByFrequency(List<Integer> items) {
        Map<String, Integer> counts = new HashMap<>();
        for (int item : items) {
            for (String tag : tagsOf(item)) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** A trending course the model knows in another language is left out; one it does not know yet is kept. */
    private boolean speaks(String courseId, String language) {
        int item = model.indexOf(courseId);
        return language == null || item < 0 || Languages.matches(model.languages[model.languageOf[item]], language);
    }
}
