package dev.lectern.core.ids;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Opaque ids: ULIDs (26 characters, Crockford base32), which sort by creation time, so that a
 * Query on an id-sorted key returns newest or oldest first without another attribute.
 */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
