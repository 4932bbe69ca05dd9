package dev.lectern.core.resources;

/** The AWS resources Lectern owns. Catalog entries name these to declare what a function may touch. */
public enum ResourceId {
    TABLE,
    MEDIA_BUCKET,
    ANALYTICS_BUCKET,
    PAYMENTS_QUEUE,
    BEHAVIOUR_QUEUE,
    /** Account lifecycle events (an erasure) that other contexts act on for the data they hold. */
    ACCOUNTS_QUEUE,
    /** The JWT key set with private keys: only functions that sign tokens read it. */
    SIGNING_KEYS,
    /** The same key set without private keys: every function with a protected route reads it. */
    VERIFICATION_KEYS,
    /** Stripe's secret API key and the webhook signing secret: only the functions that call Stripe or verify its webhooks read it. */
    STRIPE_KEYS;

    public boolean isBucket() {
        return this == MEDIA_BUCKET || this == ANALYTICS_BUCKET;
    }
}
