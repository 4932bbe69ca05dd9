package dev.lectern.commerce;

/** Commerce's business counters (docs/operations.md, "Metrics"), counted through core's BusinessMetrics. */
public final class CommerceMetrics {

    /** Checkouts started (an order and a Checkout Session created). */
    public static final String CHECKOUTS = "Checkouts";
    /** Orders that became paid. */
    public static final String ORDERS_PAID = "Orders";
    public static final String REFUNDS = "Refunds";
    public static final String DISPUTES = "Disputes";
    /** Stripe events of a type Lectern does not act on, or about another integration's objects. */
    public static final String EVENTS_IGNORED = "StripeEventsIgnored";
    /** Stripe events naming an order or payment Lectern does not have. */
    public static final String EVENTS_UNKNOWN_ORDER = "StripeEventsUnknownOrder";
    /** Stripe events written under another API version than stripe-java's: applied, and counted so an operator upgrades. */
    public static final String API_VERSION_MISMATCH = "StripeApiVersionMismatch";
    /** Webhook deliveries refused for their signature, timestamp or body. */
    public static final String WEBHOOKS_REFUSED = "StripeWebhooksRefused";

    private CommerceMetrics() {
    }
}
