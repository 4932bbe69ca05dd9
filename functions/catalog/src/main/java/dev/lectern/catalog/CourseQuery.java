package dev.lectern.catalog;

import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.ids.Ids;
import java.util.ArrayList;
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
        // a filter no course could match is a client's mistake, not an empty catalogue
        List<FieldError> errors = new ArrayList<>();
        String creatorId = query.get("creatorId");
        if (creatorId != null && !Ids.isId(creatorId)) {
            errors.add(new FieldError("creatorId", "must be a creator's id"));
        }
        String level = query.get("level");
        if (level != null && !CatalogService.LEVELS.contains(level)) {
            errors.add(new FieldError("level", "must be one of beginner, intermediate, advanced, all"));
        }
        String language = query.get("language");
        if (language != null && !CatalogService.LANGUAGE.matcher(language).matches()) {
            errors.add(new FieldError("language", "must be a language tag such as en or zh-Hans"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
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
