package dev.lectern.core.http;

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

    private CacheControl() {
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
