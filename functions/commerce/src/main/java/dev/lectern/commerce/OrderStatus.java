package dev.lectern.commerce;

import java.util.Locale;

/**
 * Where an order stands (docs/architecture.md, "Orders"): derived from what Stripe has told us
 * ({@link PaymentFacts#status}), never stored as the only truth.
 */
public enum OrderStatus {
    PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED, EXPIRED, FAILED, DISPUTED, REVOKED;

    /** What an order in this state gives its buyer. */
    public enum Access { ACTIVE, SUSPENDED, NONE }

    public Access access() {
        return switch (this) {
            case PAID, PARTIALLY_REFUNDED -> Access.ACTIVE;
            case DISPUTED -> Access.SUSPENDED;
            default -> Access.NONE;
        };
    }

    /** The form the API and the items use: {@code partially_refunded}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
