package dev.lectern.recommend;

import static dev.lectern.recommend.TestModels.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.recommend.Recommender.Candidate;
import dev.lectern.recommend.Recommender.Trend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serving logic on the hand-made model of {@link TestModels#sixCourses}. */
class RecommenderTest {

    /** A learner who made none of the six courses. */
    private static final String LEARNER = "Z";
    private static final int NO_CAP = Integer.MAX_VALUE;

    private final Recommender recommender = new Recommender(TestModels.sixCourses("v1"));

    @Test
    void similarCoursesAreTheNeighboursBestFirstThenPopularOnesSharingATagNeverItself() {
        List<Candidate> similar = recommender.similar(id(0), List.of(), 10);

        // neighbours c1 (0.9), c3 (0.5); then popular "java" courses c0 (itself: no), c1 (had), c2, c5
        assertThat(similar).extracting(Candidate::courseId).containsExactly(id(1), id(3), id(2), id(5));
        assertThat(similar.get(0).score()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void aCourseTheModelDoesNotKnowGetsPopularCoursesOfItsTags() {
        List<Candidate> similar = recommender.similar(id(9), List.of("python"), 10);

        assertThat(similar).extracting(Candidate::courseId).containsExactly(id(3), id(4));
    }

    @Test
    void becauseYouTookNamesTheLearnersCourseThatContributesMostAndNeverRecommendsWhatTheyHave() {
        Map<String, Float> owned = new LinkedHashMap<>();
        owned.put(id(1), 1f);
        owned.put(id(4), 1f);

        List<Candidate> result = recommender.forLearner(LEARNER, owned, null, List.of(), NO_CAP, 10);

        // c2: 0.6 from c1 + 0.8 from c4 = 1.4 (c4 contributes most); c0: 0.9 from c1
        assertThat(result.get(0).courseId()).isEqualTo(id(2));
        assertThat(result.get(0).score()).isCloseTo(1.4, within(1e-6));
        assertThat(result.get(0).reason()).isEqualTo(Recommender.Reason.becauseYouTook(id(4)));
        assertThat(result.get(1).courseId()).isEqualTo(id(0));
        assertThat(result.get(1).reason()).isEqualTo(Recommender.Reason.becauseYouTook(id(1)));
        assertThat(result).extracting(Candidate::courseId).doesNotContain(id(1), id(4)).doesNotHaveDuplicates();
        // then the tags of their courses, the most frequent first (java: c1; python: c4 — a tie, by name)
        assertThat(result.subList(2, result.size())).extracting(c -> c.reason().type()).containsOnly("popular_in");
    }

    @Test
    void ofTwoCoursesContributingEquallyTheReasonNamesTheFirstInTheLearnersOrder() {
        // c2: 0.6 from c1 (strength 1) and 0.8 × 0.75 = 0.6 from c4
        Map<String, Float> c1First = new LinkedHashMap<>();
        c1First.put(id(1), 1f);
        c1First.put(id(4), 0.75f);
        Map<String, Float> c4First = new LinkedHashMap<>();
        c4First.put(id(4), 0.75f);
        c4First.put(id(1), 1f);

        Candidate fromC1First = recommender.forLearner(LEARNER, c1First, null, List.of(), NO_CAP, 10).get(0);
        Candidate fromC4First = recommender.forLearner(LEARNER, c4First, null, List.of(), NO_CAP, 10).get(0);

        assertThat(fromC1First.courseId()).isEqualTo(id(2));
        assertThat(fromC1First.reason()).isEqualTo(Recommender.Reason.becauseYouTook(id(1)));
        assertThat(fromC4First.courseId()).isEqualTo(id(2));
        assertThat(fromC4First.reason()).isEqualTo(Recommender.Reason.becauseYouTook(id(4)));
    }

    @Test
    void aCreatorIsNeverRecommendedTheirOwnCourses() {
        // creator A (c0, c1, c2) has taken c3, whose neighbour c0 is theirs; so are the most popular in English
        List<Candidate> result = recommender.forLearner("A", Map.of(id(3), 1f), "en", List.of(), NO_CAP, 10);

        assertThat(result).extracting(Candidate::courseId).isNotEmpty().doesNotContain(id(0), id(1), id(2), id(3));
    }

    @Test
    void eachCreatorHasAtMostTheCapAndTheNextCandidatesTakeTheirPlace() {
        // c4 → c2 (A); popular in python: c3 (B); popular in en: c0 (A), c1 (A), c2, c3
        List<Candidate> capOne = recommender.forLearner(LEARNER, Map.of(id(4), 1f), "en", List.of(), 1, 10);
        List<Candidate> capTwo = recommender.forLearner(LEARNER, Map.of(id(4), 1f), "en", List.of(), 2, 10);

        assertThat(capOne).extracting(Candidate::courseId).containsExactly(id(2), id(3));
        assertThat(capTwo).extracting(Candidate::courseId).containsExactly(id(2), id(3), id(0));
    }

    @Test
    void aRevokedCourseIsNotEvidenceButIsNotRecommendedBackEither() {
        List<Candidate> result = recommender.forLearner(LEARNER, Map.of(id(1), 0f), null, List.of(), NO_CAP, 10);

        assertThat(result).extracting(Candidate::courseId).doesNotContain(id(1));
        assertThat(result).extracting(c -> c.reason().type()).doesNotContain("because_you_took");
    }

    @Test
    void aNewLearnerGetsTrendingCoursesInTheirLanguageThenPopularOnes() {
        List<Trend> trending = List.of(new Trend(id(5), 50), new Trend(id(3), 40), new Trend(id(8), 30));

        List<Candidate> result = recommender.forLearner(LEARNER, Map.of(), "zh-CN", trending, NO_CAP, 10);

        // c5 is zh-Hans (same primary language); c3 is en: left out; c8 is unknown to the model: kept for serving to check
        assertThat(result).extracting(Candidate::courseId).startsWith(id(5), id(8));
        assertThat(result.get(0).reason().type()).isEqualTo("trending");
        assertThat(result).extracting(Candidate::courseId).doesNotContain(id(3));
    }

    @Test
    void aNewLearnerWithoutTrendingGetsWhatIsPopularInTheirLanguage() {
        List<Candidate> result = recommender.forLearner(LEARNER, Map.of(), "en", List.of(), NO_CAP, 3);

        assertThat(result).extracting(Candidate::courseId).containsExactly(id(0), id(1), id(2));
        assertThat(result.get(0).reason()).isEqualTo(Recommender.Reason.popularInLanguage("en"));
    }

    @Test
    void topTakesTheHighestPositiveScoresAmongTheCandidatesInOrderTiesByIndex() {
        assertThat(Recommender.top(new float[] {0.1f, 0, 0.5f, 0.3f, -1f}, new int[] {0, 1, 2, 3, 4}, 2)).containsExactly(2, 3);
        assertThat(Recommender.top(new float[] {0, 0}, new int[] {0, 1}, 5)).isEmpty();
        assertThat(Recommender.top(new float[] {0.1f, 0, 0.5f, 0.3f, -1f}, new int[] {0, 3}, 5)).containsExactly(3, 0);
        assertThat(Recommender.top(new float[] {0.2f, 0.5f, 0.2f, 0.2f}, new int[] {3, 2, 0, 1}, 3)).containsExactly(1, 0, 2);
    }

    @Test
    void languagesMatchOnTheirPrimarySubtag() {
        assertThat(Languages.matches("zh-Hans", "zh-CN")).isTrue();
        assertThat(Languages.matches("en", "en-GB")).isTrue();
        assertThat(Languages.matches("en", "de")).isFalse();
        assertThat(Languages.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo("zh-CN");
        assertThat(Languages.fromAcceptLanguage("*")).isNull();
        assertThat(Languages.fromAcceptLanguage(null)).isNull();
    }
}
