package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Keyword search over published courses from an index this function keeps in memory
 * (docs/architecture.md, "Search"). Built in full at the first search of an instance, then
 * refreshed from the course changes feed at most every {@link #REFRESH_INTERVAL}, so a newly
 * published or changed course is found within seconds; rebuilt in full when a quarter of it is
 * tombstones.
 */
@Singleton
public class SearchService {

    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** Changes may land in the feed slightly out of order across writers: re-read a margin. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final CatalogStore store;
    private final Clock clock;
    private SearchIndex index;
    private Instant refreshedAt;
    private Instant watermark;

    public SearchService(CatalogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Map<String, Object> search(String query, String limitText) {
        if (query == null || query.isBlank() || query.length() > 200) {
            throw ProblemException.validation(List.of(new FieldError("q", "is required, at most 200 characters")));
        }
        int limit;
        try {
            limit = limitText == null ? 20 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 50) {
            throw ProblemException.validation(List.of(new FieldError("limit", "must be a number between 1 and 50")));
        }
        List<SearchIndex.Hit> hits = fresh().search(query, limit);
        Map<String, Course> courses = new HashMap<>();
        store.courses(hits.stream().map(SearchIndex.Hit::courseId).toList()).forEach(c -> courses.put(c.id(), c));
        List<Map<String, Object>> items = hits.stream()
                .map(hit -> courses.get(hit.courseId()) == null || !courses.get(hit.courseId()).published() ? null
                        : Map.<String, Object>of("course", courses.get(hit.courseId()), "score", hit.score()))
                .filter(Objects::nonNull)
                .toList();
        return Map.of("items", items);
    }

    /**
     * Published courses by popularity (enrolments) or rating (average, then number of ratings),
     * filtered like {@code GET /courses}, from the same in-memory catalog; the cursor is an offset.
     */
    public CatalogModel.Page<Course> browse(Map<String, String> query) {
        String sort = query.get("sort");
        Comparator<SearchIndex.Document> newestFirst = Comparator.comparingLong(SearchIndex.Document::publishedAtMillis).reversed();
        Comparator<SearchIndex.Document> order = switch (sort) {
            case "popular" -> Comparator.comparingLong((SearchIndex.Document d) -> d.facets().enrollments()).reversed().thenComparing(newestFirst);
            case "rating" -> Comparator.comparingDouble((SearchIndex.Document d) -> d.facets().ratingAverage()).reversed()
                    .thenComparing(Comparator.comparingLong((SearchIndex.Document d) -> d.facets().ratingCount()).reversed())
                    .thenComparing(newestFirst);
            default -> throw ProblemException.validation(List.of(new FieldError("sort", "must be newest, popular or rating")));
        };
        int limit = number(query.get("limit"), 20, 1, 100, "limit");
        int offset = offset(query.get("cursor"));
        Long priceMax = query.containsKey("priceMax") ? (long) number(query.get("priceMax"), 0, 0, Integer.MAX_VALUE, "priceMax") : null;
        String tag = query.get("tag") == null ? null : query.get("tag").toLowerCase(Locale.ROOT);
        Predicate<SearchIndex.Document> filter = d -> (tag == null || d.tags().contains(tag))
                && matches(query.get("creatorId"), d.facets().creatorId()) && matches(query.get("level"), d.facets().level())
                && matches(query.get("language"), d.facets().language()) && (priceMax == null || d.facets().priceAmount() <= priceMax);
        List<SearchIndex.Document> all;
        synchronized (this) {
            all = fresh().browse(filter, order);
        }
        List<String> pageIds = all.stream().skip(offset).limit(limit).map(SearchIndex.Document::courseId).toList();
        Map<String, Course> courses = new HashMap<>();
        store.courses(pageIds).forEach(c -> courses.put(c.id(), c));
        List<Course> items = pageIds.stream().map(courses::get).filter(Objects::nonNull).filter(Course::published).toList();
        String next = offset + limit < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + (offset + limit)).getBytes(StandardCharsets.UTF_8)) : null;
        return new CatalogModel.Page<>(items, next);
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                return Math.max(0, Integer.parseInt(text.substring(7)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        throw ProblemException.validation(List.of(new FieldError("cursor", "is not valid")));
    }

    private static int number(String text, int fallback, int min, int max, String field) {
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the validation error
        }
        throw ProblemException.validation(List.of(new FieldError(field, "must be a number between " + min + " and " + max)));
    }

    private synchronized SearchIndex fresh() {
        Instant now = clock.instant();
        if (index == null || index.tombstones() > Math.max(1000, index.size() / 4)) {
            SearchIndex built = new SearchIndex();
            store.allPublishedForSearch().forEach(entry -> built.put(entry.document()));
            index = built;
            refreshedAt = now;
            watermark = now.minus(OVERLAP);
        } else if (refreshedAt.plus(REFRESH_INTERVAL).isBefore(now)) {
            for (CatalogStore.SearchEntry change : store.changedSince(watermark)) {
                if (change.published()) {
                    index.put(change.document());
                } else {
                    index.remove(change.courseId());
                }
            }
            refreshedAt = now;
            watermark = now.minus(OVERLAP);
        }
        return index;
    }
}
