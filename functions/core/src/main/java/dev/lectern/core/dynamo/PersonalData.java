package dev.lectern.core.dynamo;

import dev.lectern.core.routes.TableKeys;

/**
 * How the personal data a context keeps about a user can be found, whatever the context: an item
 * holding it (a review, later an order or progress) lives in the table partition {@code PK =
 * PERSONAL#<userId>} with {@code SK = <type>#<id>}. The identity context's export reads that
 * partition and shows each item's non-key attributes, so a context adding personal data adds it to
 * the export without the identity context learning its layout; an erasure finds it there with a
 * consistent Query. A table partition rather than an index entry: the item is found by its key
 * (one per user and thing, read consistently) and writing it costs no index write. Entitlements
 * have their own partition ({@link Entitlements}), read the same way.
 */
public final class PersonalData {

    public static final String PARTITION_PREFIX = "PERSONAL#";
    /** What the export reads (and a context writing personal data names in its grant). */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);

    private PersonalData() {
    }

    public static String partition(String userId) {
        return PARTITION_PREFIX + userId;
    }
}
