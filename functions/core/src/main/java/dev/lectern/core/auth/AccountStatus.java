package dev.lectern.core.auth;

import dev.lectern.core.dynamo.Items;
import dev.lectern.core.routes.TableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one fact about an account every context needs on a write: may the caller's token still
 * change anything? Access tokens carry the account's version when they were issued ({@code ver}).
 * The identity context writes this item when an account is erased or an administrator changes
 * its roles (the lowest version a writing token must have: the account's new one);
 * {@code ApiHandler} reads it (one GetItem) before every protected write and refuses an older
 * token. So an erased or demoted account loses write access at once, not when its access token
 * expires, and a token refreshed after the change writes again at once.
 *
 * <pre>
 * PK               SK       attributes
 * ACCOUNT#userId   STATUS   type=accountStatus, minTokenVersion, erased (bool), expiresAt
 * </pre>
 */
public final class AccountStatus {

    public static final String PARTITION_PREFIX = "ACCOUNT#";
    /** Written by identity; read by every function with a protected write route. */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);
    public static final String MIN_TOKEN_VERSION = "minTokenVersion";
    public static final String ERASED = "erased";

    private AccountStatus() {
    }

    public static Map<String, AttributeValue> key(String userId) {
        return Items.key(PARTITION_PREFIX + userId, "STATUS");
    }
}
