package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.SearchHit;
import dev.lectern.catalog.CatalogModel.SearchResults;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.QueryParameters;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keyword search over published courses from an index this function keeps in memory
 * (docs/architecture.md, "Search"). Built in full at the first search of an instance, then
 * refreshed from the course changes feed at most every {@link #REFRESH_INTERVAL}: one Query of the
 * change markers since the last refresh and, when there are any, one BatchGetItem of those courses
 * and their counters. So a newly published or changed course is found, and an enrolment or a
 * review moves the popular and rating orders, within seconds. Rebuilt in full when a quarter of it
 * is tombstones.
 */
@Singleton
public class SearchService {

    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
    /**
     * Changes may land in the feed out of order across writers (clocks; a marker is dated before
     * its write commits, and a course edit writes its marker after its update, each call allowed
     * up to 8 s), and reads of the feed and of the courses are eventually consistent: re-read a
     * margin, so that every marker is read again at least this long after its time. Re-reading
     * half a minute of markers costs next to nothing.
     */
    static final Duration OVERLAP = Duration.ofSeconds(30);

    private final CatalogStore store;
    private final Clock clock;
    private SearchIndex index;
    private Instant refreshedAt;
    private Instant watermark;

    public SearchService(CatalogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SearchResults search(Map<String, String> parameters) {
        String query = parameters.get("q");
        if (query == null || query.isBlank() || query.length() > 200) {
            throw ProblemException.validation(List.of(new FieldError("q", "is required, at most 200 characters")));
        }
        int limit = QueryParameters.integer(parameters, "limit", 20, 1, 50);
        List<SearchIndex.Hit> hits = withIndex(index -> index.search(query, limit));
        Map<String, Double> scores = new HashMap<>();
        hits.forEach(hit -> scores.put(hit.courseId(), hit.score()));
        return new SearchResults(publishedInOrder(hits.stream().map(SearchIndex.Hit::courseId).toList()).stream()
                .map(course -> new SearchHit(course, scores.get(course.id())))
                .toList());
    }

    /**
     * Published courses by popularity (enrolments) or rating (average, then number of ratings),
     * with the same filters as the newest order, from the same in-memory catalog; the cursor is an offset.
     */
    public CatalogModel.Page<Course> browse(CourseQuery query) {
        Comparator<SearchIndex.Document> newestFirst = Comparator.comparingLong(SearchIndex.Document::publishedAtMillis).reversed();
        Comparator<SearchIndex.Document> order = query.sort().equals("popular")
                ? Comparator.comparingLong((SearchIndex.Document d) -> d.facets().enrollments()).reversed().thenComparing(newestFirst)
                : Comparator.comparingDouble((SearchIndex.Document d) -> d.facets().ratingAverage()).reversed()
                        .thenComparing(Comparator.comparingLong((SearchIndex.Document d) -> d.facets().ratingCount()).reversed())
                        .thenComparing(newestFirst);
        int offset = offset(query.cursor());
        List<SearchIndex.Document> all = withIndex(index -> index.browse(query::matches, order));
        List<String> pageIds = all.stream().skip(offset).limit(query.limit()).map(SearchIndex.Document::courseId).toList();
        String next = offset + query.limit() < all.size() && offset + query.limit() <= MAX_OFFSET
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + (offset + query.limit())).getBytes(StandardCharsets.UTF_8))
                : null;
        return new CatalogModel.Page<>(publishedInOrder(pageIds), next);
    }

    /** The courses of the given ids, in that order, skipping any unpublished since the index saw them (one BatchGetItem). */
    private List<Course> publishedInOrder(List<String> ids) {
        Map<String, Course> courses = new HashMap<>();
        store.courses(ids).forEach(c -> courses.put(c.id(), c));
        return ids.stream().map(courses::get).filter(Objects::nonNull).filter(Course::published).toList();
    }

    /** Pages of an in-memory order go at most this deep: enough for any reader, no arithmetic at the edge of int. */
    static final int MAX_OFFSET = 10_000;

    private static int offset(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = cursor.length() > 64 ? "" : new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.matches("offset:\\d{1,5}")) {
                int offset = Integer.parseInt(text.substring(7));
                if (offset <= MAX_OFFSET) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        throw ProblemException.validation(List.of(new FieldError("cursor", "is not a cursor of this list; start without one")));
    }

    /** Every read and refresh of the index happens under one lock: refreshes mutate it in place. */
    private synchronized <T> T withIndex(Function<SearchIndex, T> read) {
        return read.apply(fresh());
    }

    private SearchIndex fresh() {
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
