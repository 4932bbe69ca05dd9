package dev.lectern.core.dynamo;

import dev.lectern.core.routes.TableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key layout of the one item type two contexts write: an entitlement (a learner may access a
 * course). The catalog writes it for free enrolment, commerce for purchases, each inside the
 * transaction that justifies it. It lives in a partition of its own, not under the user's
 * identity items, so that each context's grant can name it by prefix.
 *
 * <pre>
 * PK                    SK              attributes
 * ENTITLEMENTS#userId   COURSE#courseId type=entitlement, userId, courseId, since, source, suspended?
 * </pre>
 * {@code source} is {@code free} for an enrolment and {@code order#<orderId>} for a purchase: a
 * refund or a lost dispute removes only the entitlement its own order granted. While a dispute of
 * the purchase is open the item carries {@code suspended = true}: kept, but it opens nothing.
 */
public final class Entitlements {

    public static final String PARTITION_PREFIX = "ENTITLEMENTS#";
    public static final String SORT_PREFIX = "COURSE#";
    /** What a context that reads or writes entitlements adds to its table grant. */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);
    public static final String SUSPENDED = "suspended";
    private static final String ORDER_SOURCE_PREFIX = "order#";

    private Entitlements() {
    }

    public static String partition(String userId) {
        return PARTITION_PREFIX + userId;
    }

    public static Map<String, AttributeValue> key(String userId, String courseId) {
        return Items.key(partition(userId), SORT_PREFIX + courseId);
    }

    /** Whether an entitlement item opens its course now: not while its purchase is disputed. */
    public static boolean isActive(Map<String, AttributeValue> item) {
        AttributeValue suspended = item.get(SUSPENDED);
        return suspended == null || !Boolean.TRUE.equals(suspended.bool());
    }

    /** The entitlement source of a purchase. */
    public static String orderSource(String orderId) {
        return ORDER_SOURCE_PREFIX + orderId;
    }

    /** What the API shows of a source: {@code free}, {@code purchase} (whichever order) or {@code admin}. */
    public static String kindOf(String source) {
        return source.startsWith(ORDER_SOURCE_PREFIX) ? "purchase" : source;
    }
}
