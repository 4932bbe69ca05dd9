package dev.lectern.core.auth;

import dev.lectern.core.dynamo.Items;
import dev.lectern.core.routes.TableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one fact about an account every context needs on a write: may tokens issued until now
 * still change anything? The identity context writes it when an account is erased or an
 * administrator changes its roles ({@code tokensValidAfter} = that second); {@code ApiHandler}
 * reads it (one GetItem) before every protected write and refuses a token issued before it. So
 * an erased or demoted account loses write access at once, not when its access token expires.
 *
 * <pre>
 * PK               SK       attributes
 * ACCOUNT#userId   STATUS   type=accountStatus, tokensValidAfter (epoch seconds), erased (bool)
 * </pre>
 */
public final class AccountStatus {

    public static final String PARTITION_PREFIX = "ACCOUNT#";
    /** Written by identity; read by every function with a protected write route. */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);
    public static final String VALID_AFTER = "tokensValidAfter";
    public static final String ERASED = "erased";

    private AccountStatus() {
    }

    public static Map<String, AttributeValue> key(String userId) {
        return Items.key(PARTITION_PREFIX + userId, "STATUS");
    }
}
