package dev.lectern.core.resources;

import java.util.List;

/**
 * The one list of Lectern's storage and queues. The CDK stack builds them from here, and the
 * local platform creates them in the emulators from here: there is no second list.
 */
public final class LecternResources {

    public static final TableDefinition TABLE = new TableDefinition(
            "table", "PK", "SK",
            List.of(new TableDefinition.Index("GSI1", "GSI1PK", "GSI1SK"),
                    new TableDefinition.Index("GSI2", "GSI2PK", "GSI2SK"),
                    new TableDefinition.Index("GSI3", "GSI3PK", "GSI3SK")),
            "expiresAt", TableDefinition.StreamView.NEW_AND_OLD_IMAGES);

    /** Payment events from the Stripe webhook, ordered per checkout session. */
    public static final QueueDefinition PAYMENTS = new QueueDefinition(
            ResourceId.PAYMENTS_QUEUE, "payments", true, 180, 5, 14);

    /** Behaviour events from clients and services; order does not matter, volume does. */
    public static final QueueDefinition BEHAVIOUR = new QueueDefinition(
            ResourceId.BEHAVIOUR_QUEUE, "behaviour", false, 180, 5, 4);

    /** Account events: few, and each must reach every context that holds the account's data. */
    public static final QueueDefinition ACCOUNTS = new QueueDefinition(
            ResourceId.ACCOUNTS_QUEUE, "accounts", false, 180, 5, 14);

    public static final List<QueueDefinition> QUEUES = List.of(PAYMENTS, BEHAVIOUR, ACCOUNTS);

    public static final BucketDefinition MEDIA = new BucketDefinition(ResourceId.MEDIA_BUCKET, "media", true, 30);

    public static final BucketDefinition ANALYTICS = new BucketDefinition(ResourceId.ANALYTICS_BUCKET, "analytics", false, 0);

    public static final List<BucketDefinition> BUCKETS = List.of(MEDIA, ANALYTICS);

    private LecternResources() {
    }

    public static QueueDefinition queue(ResourceId id) {
        return QUEUES.stream().filter(q -> q.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " is not a queue"));
    }
}
