package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.SearchHit;
import dev.lectern.catalog.CatalogModel.SearchResults;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.QueryParameters;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What is trending: courses by their activity over the last {@link Trending#WINDOW} (views,
 * enrolments, purchases and completions, weighted as {@link Trending} says), each hour's activity
 * halved every {@link #HALF_LIFE} of age so that this hour outweighs yesterday's. The ranking is
 * computed from the hourly counters (one Query per hour of the window, in parallel) at most once a
 * {@link #REFRESH_INTERVAL} per instance: trending moves within about a minute of the events that
 * move it, and a busy route costs the table a couple of dozen small Queries a minute, not per request.
 */
@Singleton
public class TrendingService {

    static final Duration HALF_LIFE = Duration.ofHours(6);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(60);
    /** Ranked courses kept per refresh: enough for any filtered page of at most 50. */
    private static final int KEPT = 500;

    private final TrendingStore counters;
    private final CatalogStore store;
    private final Clock clock;
    private List<Ranked> ranked = List.of();
    private Instant rankedAt;

    record Ranked(String courseId, double score) {
    }

    public TrendingService(TrendingStore counters, CatalogStore store, Clock clock) {
        this.counters = counters;
        this.store = store;
        this.clock = clock;
    }

    /** {@code GET /courses/trending?limit=&language=}: published courses, most trending first, with their scores. */
    public SearchResults trending(Map<String, String> parameters) {
        int limit = QueryParameters.integer(parameters, "limit", 10, 1, 50);
        String language = parameters.get("language");
        if (language != null && !CatalogService.LANGUAGE.matcher(language).matches()) {
            throw ProblemException.validation(List.of(new FieldError("language", "must be a language tag such as en or zh-Hans")));
        }
        List<Ranked> candidates = rankedNow();
        List<SearchHit> hits = new ArrayList<>();
        // Courses come in order in slices of one BatchGetItem until the page is full or the ranking ends.
        for (int from = 0; from < candidates.size() && hits.size() < limit; from += 100) {
            List<Ranked> slice = candidates.subList(from, Math.min(candidates.size(), from + 100));
            Map<String, Course> courses = new HashMap<>();
            store.courses(slice.stream().map(Ranked::courseId).toList()).forEach(c -> courses.put(c.id(), c));
            for (Ranked r : slice) {
                Course course = courses.get(r.courseId());
                if (course != null && course.published() && (language == null || language.equals(course.language())) && hits.size() < limit) {
                    hits.add(new SearchHit(course, r.score()));
                }
            }
        }
        return new SearchResults(hits);
    }

    private synchronized List<Ranked> rankedNow() {
        Instant now = clock.instant();
        if (rankedAt == null || rankedAt.plus(REFRESH_INTERVAL).isBefore(now)) {
            ranked = rank(now);
            rankedAt = now;
        }
        return ranked;
    }

    private List<Ranked> rank(Instant now) {
        Instant current = Trending.hourOf(now);
        List<Instant> hours = new ArrayList<>();
        for (Instant h = Trending.hourOf(now.minus(Trending.WINDOW)); !h.isAfter(current); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        Map<String, Double> scores = new HashMap<>();
        try (ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<TrendingStore.HourScore>>> results = hours.stream().map(h -> queries.submit(() -> counters.hour(h))).toList();
            for (int i = 0; i < hours.size(); i++) {
                double weight = decay(Duration.between(hours.get(i), current));
                for (TrendingStore.HourScore s : results.get(i).get()) {
                    scores.merge(s.courseId(), s.score() * weight, Double::sum);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the trending counters", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return scores.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Ranked(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0))
                .sorted(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::courseId))
                .limit(KEPT)
                .toList();
    }

    /** The weight of an hour's activity {@code age} ago. */
    static double decay(Duration age) {
        return Math.pow(0.5, (double) age.toMinutes() / HALF_LIFE.toMinutes());
    }
}
