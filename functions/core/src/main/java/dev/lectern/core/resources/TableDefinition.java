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
 */
public record TableDefinition(String baseName, String partitionKey, String sortKey,
                              List<Index> indexes, String ttlAttribute) {

    public record Index(String name, String partitionKey, String sortKey) {
    }
}
