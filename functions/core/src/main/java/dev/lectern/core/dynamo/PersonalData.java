package dev.lectern.core.dynamo;

import dev.lectern.core.routes.TableKeys;

/**
 * How the personal data a context keeps about a user can be found, whatever the context: an
 * item holding it (a review, later an order or progress) carries {@code GSI1PK =
 * PERSONAL#<userId>} and {@code GSI1SK = <type>#<id>}. The identity context's export reads that
 * partition of GSI1 and shows each item's non-key attributes, so a context adding personal data
 * adds it to the export without the identity context learning its layout. Entitlements have their
 * own partition ({@link Entitlements}), read the same way.
 */
public final class PersonalData {

    public static final String PARTITION_PREFIX = "PERSONAL#";
    /** What the export reads (and a context writing personal data names in its index keys). */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);
    public static final String INDEX = "GSI1";

    private PersonalData() {
    }

    public static String partition(String userId) {
        return PARTITION_PREFIX + userId;
    }
}
