package dev.lectern.recommend;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.TrendingRanking;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.recommend.RecommendStore.CourseSummary;
import dev.lectern.recommend.Recommender.Candidate;
import dev.lectern.recommend.Recommender.Reason;
import dev.lectern.recommend.Recommender.Trend;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Serving: the current model version ({@link ModelHolder}) and what is live in the table (the
 * learner's courses, what is published now, what is trending) give the two routes' answers.
 */
@Singleton
public class RecommendService {

    /** At most this many courses of one creator in a learner's recommendations. */
    public static final int MAX_PER_CREATOR = 2;
    /** Candidates asked of the model: more than any page, for when courses were unpublished since it was built. */
    public static final int MAX_CANDIDATES = 99;

    public record SimilarCourse(CourseSummary course, double score) {
    }

    public record SimilarCourses(String modelVersion, List<SimilarCourse> items) {
    }

    public record Recommendation(CourseSummary course, double score, Reason reason) {
    }

    public record Recommendations(String modelVersion, List<Recommendation> items) {
    }

    private final ModelHolder models;
    private final RecommendStore store;
    private final TrendingRanking trending;

    public RecommendService(ModelHolder models, RecommendStore store, DynamoDbClient dynamoDb, LecternConfig config, Clock clock) {
        this.models = models;
        this.store = store;
        this.trending = new TrendingRanking(dynamoDb, config.require(ResourceId.TABLE), clock);
    }

    /** {@code GET /courses/{courseId}/similar}: published courses like a published one, most similar first, never itself. */
    public SimilarCourses similar(String courseId, Map<String, String> query) {
        int limit = QueryParameters.integer(query, "limit", 10, 1, 50);
        if (!Ids.isId(courseId)) {
            throw ProblemException.notFound("No course " + courseId);
        }
        RecommendModel model = models.current();
        Recommender recommender = new Recommender(model);
        List<Candidate> candidates = recommender.similar(courseId, List.of(), MAX_CANDIDATES);
        int page = page(limit);
        List<String> ids = new ArrayList<>();
        ids.add(courseId);
        ids.addAll(idsOf(candidates, 0, page));
        Map<String, CourseSummary> published = store.publishedSummaries(ids);
        CourseSummary course = published.get(courseId);
        if (course == null) {
            throw ProblemException.notFound("No course " + courseId);
        }
        if (model.indexOf(courseId) < 0) {
            // published after the model was built: popular courses sharing its tags, until the next run knows it
            candidates = recommender.similar(courseId, course.tags(), MAX_CANDIDATES);
            published = store.publishedSummaries(idsOf(candidates, 0, page));
        }
        List<SimilarCourse> items = new ArrayList<>();
        for (int from = 0, size = page; from < candidates.size() && items.size() < limit; from += size, size = next(size)) {
            if (from > 0) {
                published = store.publishedSummaries(idsOf(candidates, from, size));
            }
            for (Candidate candidate : candidates.subList(from, Math.min(candidates.size(), from + size))) {
                CourseSummary summary = published.get(candidate.courseId());
                if (summary != null && items.size() < limit) {
                    items.add(new SimilarCourse(summary, round(candidate.score())));
                }
            }
        }
        return new SimilarCourses(model.version(), items);
    }

    /**
     * How many candidates the first read takes: those shown and a few more, for courses unpublished
     * since the model was built, so that one read nearly always suffices. Reading every candidate
     * read ten times what is shown and took most of the route's time (docs/performance.md,
     * "Recommendation serving at 100k courses"); each key read is a read unit. Public for the serving
     * benchmark, whose baseline reads what the route reads.
     */
    public static int page(int limit) {
        return Math.min(MAX_CANDIDATES, limit + Math.max(2, limit / 5));
    }

    /** Each further read takes twice the one before: however many were unpublished, a few reads see every candidate. */
    private static int next(int size) {
        return Math.min(MAX_CANDIDATES, 2 * size);
    }

    private static List<String> idsOf(List<Candidate> candidates, int from, int count) {
        return candidates.subList(from, Math.min(candidates.size(), from + count)).stream().map(Candidate::courseId).toList();
    }

    /**
     * {@code GET /me/recommendations}: courses for the caller with a reason each, never one they
     * have or made, at most {@value #MAX_PER_CREATOR} per creator.
     *
     * @param acceptLanguage the request's {@code Accept-Language}, used when {@code ?language=} is absent
     */
    public Recommendations forLearner(Caller caller, Map<String, String> query, String acceptLanguage) {
        int limit = QueryParameters.integer(query, "limit", 10, 1, 50);
        String language = query.get("language");
        new Validator().languageTag("language", language).throwIfInvalid();
        if (language == null) {
            language = Languages.fromAcceptLanguage(acceptLanguage);
        }
        RecommendModel model = models.current();
        Map<String, Float> owned = store.ownedCourses(caller.userId());
        List<Trend> trends = trending.ranked().stream().map(r -> new Trend(r.courseId(), r.score())).toList();
        List<Candidate> candidates = new Recommender(model).forLearner(caller.userId(), owned, language, trends, MAX_PER_CREATOR,
                MAX_CANDIDATES);
        Map<String, Integer> perCreator = new HashMap<>();
        List<Recommendation> items = new ArrayList<>();
        for (int from = 0, size = page(limit); from < candidates.size() && items.size() < limit; from += size, size = next(size)) {
            Map<String, CourseSummary> published = store.publishedSummaries(idsOf(candidates, from, size));
            for (Candidate candidate : candidates.subList(from, Math.min(candidates.size(), from + size))) {
                CourseSummary summary = published.get(candidate.courseId());
                // the model ruled out the caller's own courses and capped creators (counting a course
                // unpublished since it was built, until the next run); a trending course newer than the
                // model is checked only now, its language too
                if (summary == null || items.size() >= limit || summary.creatorId().equals(caller.userId())) {
                    continue;
                }
                if (language != null && !Languages.matches(summary.language(), language) && "trending".equals(candidate.reason().type())) {
                    continue;
                }
                if (perCreator.merge(summary.creatorId(), 1, Integer::sum) <= MAX_PER_CREATOR) {
                    items.add(new Recommendation(summary, round(candidate.score()), candidate.reason()));
                }
            }
        }
        return new Recommendations(model.version(), items);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
