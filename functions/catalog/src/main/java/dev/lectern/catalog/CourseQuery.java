package dev.lectern.catalog;

import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Ids;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of {@code GET /courses}, read and checked once: the newest order is served by a
 * DynamoDB Query (CatalogService), popular and rating by the in-memory catalog (SearchService);
 * both apply these same filters.
 */
public record CourseQuery(String sort, String tag, String creatorId, String level, String language, Long priceMax,
                          int limit, String cursor) {

    public static final List<String> SORTS = List.of("newest", "popular", "rating");

    public static CourseQuery parse(Map<String, String> query) {
        String sort = query.getOrDefault("sort", "newest");
        if (!SORTS.contains(sort)) {
            throw ProblemException.validation(List.of(new FieldError("sort", "must be newest, popular or rating")));
        }
        Long priceMax = query.containsKey("priceMax")
                ? (long) QueryParameters.integer(query, "priceMax", 0, 0, Integer.MAX_VALUE) : null;
        String tag = query.get("tag") == null ? null : query.get("tag").toLowerCase(Locale.ROOT);
        String creatorId = query.get("creatorId");
        String level = query.get("level");
        String language = query.get("language");
        // a filter no course could match is a client's mistake, not an empty catalogue
        new Validator()
                .check(creatorId == null || Ids.isId(creatorId), "creatorId", "must be a creator's id")
                .check(level == null || CatalogService.LEVELS.contains(level), "level", CatalogService.LEVEL_EXPECTATION)
                .languageTag("language", language)
                .throwIfInvalid();
        return new CourseQuery(sort, tag, creatorId, level, language, priceMax,
                QueryParameters.integer(query, "limit", 20, 1, 100), query.get("cursor"));
    }

    public boolean newest() {
        return sort.equals("newest");
    }

    /** The filters as a predicate over the in-memory catalog. */
    public boolean matches(SearchIndex.Document d) {
        return (tag == null || d.tags().contains(tag)) && (creatorId == null || creatorId.equals(d.facets().creatorId()))
                && (level == null || level.equals(d.facets().level())) && (language == null || language.equals(d.facets().language()))
                && (priceMax == null || d.facets().priceAmount() <= priceMax);
    }
}
