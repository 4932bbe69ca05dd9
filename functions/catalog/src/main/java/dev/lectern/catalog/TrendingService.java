package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.SearchHit;
import dev.lectern.catalog.CatalogModel.SearchResults;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.TrendingRanking;
import dev.lectern.core.dynamo.TrendingRanking.Ranked;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.http.Validator;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The trending route's page: core's {@link TrendingRanking} (shared with recommendations) filtered
 * to published courses, optionally of one language.
 */
@Singleton
public class TrendingService {

    private final TrendingRanking ranking;
    private final CatalogStore store;

    public TrendingService(DynamoDbClient dynamoDb, LecternConfig config, CatalogStore store, Clock clock) {
        this.ranking = new TrendingRanking(dynamoDb, config.require(ResourceId.TABLE), clock);
        this.store = store;
    }

    /** {@code GET /courses/trending?limit=&language=}: published courses, most trending first, with their scores. */
    public SearchResults trending(Map<String, String> parameters) {
        int limit = QueryParameters.integer(parameters, "limit", 10, 1, 50);
        String language = parameters.get("language");
        new Validator().languageTag("language", language).throwIfInvalid();
        List<Ranked> candidates = ranking.ranked();
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
}
