package dev.lectern.core.ids;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Opaque ids: ULIDs (26 characters, Crockford base32), which sort by creation time, so that a
 * Query on an id-sorted key returns newest or oldest first without another attribute.
 */
public final class Ids {

    /** A ULID as {@link #newId} writes it: what every id in a path or a body must look like. */
    public static final String PATTERN = "[0-9A-HJKMNP-TV-Z]{26}";
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile(PATTERN);

    private Ids() {
    }

    /** Whether {@code value} could be an id of ours; checked before any lookup. */
    public static boolean isId(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    public static String newId() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
