package dev.lectern.core.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Shorthands every context's store uses to build items of the single table. */
public final class Items {

    private Items() {
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", s(pk), "SK", s(sk));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Whether the transaction's first item (the one whose condition decides, by our convention) failed its condition. */
    public static boolean firstConditionFailed(TransactionCanceledException e) {
        return !e.cancellationReasons().isEmpty() && CONDITION_FAILED.equals(e.cancellationReasons().getFirst().code());
    }

    /** Whether any item of the transaction failed its condition (as opposed to a conflict or throttling). */
    public static boolean anyConditionFailed(TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code).anyMatch(CONDITION_FAILED::equals);
    }

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
}
