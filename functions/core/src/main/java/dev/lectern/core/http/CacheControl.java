package dev.lectern.core.http;

import java.util.Map;

/**
 * The {@code Cache-Control} of answers. Most say {@link #NO_STORE} ({@link ApiResponses}' default): they belong to
 * their caller or change with every call. The catalog's public reads are the same for everyone who sends no token,
 * so those answers say {@link #publicRead}: browsers and the web distribution's edge cache keep them a short while
 * (docs/architecture.md, "The web distribution").
 */
public final class CacheControl {

    public static final String NO_STORE = "no-store";
    /** An answer no cache may keep, shared or not: what a signed-in caller gets from a public read. */
    public static final String PRIVATE = "private, no-store";

    /**
     * What a kept public answer varies by: a browser that kept a visitor's copy must not hand it to the same tab's
     * signed-in request (or to a request naming a device, whose view is recorded) — the edge already keys on both.
     */
    public static final String VARY = "Authorization, Lectern-Device-Id";

    private CacheControl() {
    }

    /** {@code headers} with {@code Vary} added when their {@code Cache-Control} lets caches keep the answer. */
    public static Map<String, String> withVary(Map<String, String> headers) {
        String cacheControl = headers.get("Cache-Control");
        if (cacheControl != null && cacheControl.startsWith("public")) {
            headers.putIfAbsent("Vary", VARY);
        }
        return headers;
    }

    /**
     * {@code public, max-age=<seconds>} for a request without an {@code Authorization} header, else {@link #PRIVATE}.
     * A caller who sends a token may be shown what only they may see (a creator's draft, a course they bought that has
     * been unpublished since), so such an answer is never kept, even by a route whose answer does not depend on it today.
     */
    public static String publicRead(ApiRequest request, int maxAgeSeconds) {
        return request.header("authorization").isPresent() ? PRIVATE : "public, max-age=" + maxAgeSeconds;
    }
}
