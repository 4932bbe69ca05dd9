package dev.lectern.core.resources;

import java.util.List;

/**
 * The single table: generic, overloaded keys (see docs/architecture.md, "Data").
 *
 * @param baseName     suffix of the physical name ({@code lectern-<stage>-<baseName>} locally)
 * @param partitionKey hash key attribute (string)
 * @param sortKey      range key attribute (string)
 * @param indexes      global secondary indexes, all projecting ALL attributes
 * @param ttlAttribute the attribute DynamoDB expires items by (epoch seconds)
 * @param stream       what the table's stream carries of each change: both images, so that the
 *                     outbox relay tells an item's new events from those it already had
 *                     ({@code dev.lectern.core.dynamo.Outbox})
 */
public record TableDefinition(String baseName, String partitionKey, String sortKey,
                              List<Index> indexes, String ttlAttribute, StreamView stream) {

    /** DynamoDB's stream view types; only both images serve the outbox relay today. */
    public enum StreamView {
        NEW_AND_OLD_IMAGES
    }

    public record Index(String name, String partitionKey, String sortKey) {
    }
}
