package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
