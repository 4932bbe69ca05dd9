package dev.lectern.core.resources;

/**
 * A queue and its dead-letter queue.
 *
 * @param id                       which resource this is
 * @param baseName                 physical name suffix; FIFO queues get {@code .fifo} appended
 * @param fifo                     FIFO (ordered per message group, deduplicated) or standard
 * @param visibilityTimeoutSeconds how long a received message stays hidden; at least 6x the consumer's timeout
 * @param maxReceiveCount          receives before a message moves to the DLQ
 * @param retentionDays            how long messages (and DLQ messages) are kept
 */
public record QueueDefinition(ResourceId id, String baseName, boolean fifo, int visibilityTimeoutSeconds,
                              int maxReceiveCount, int retentionDays) {

    public String physicalName(String prefix) {
        return prefix + baseName + (fifo ? ".fifo" : "");
    }

    public String deadLetterPhysicalName(String prefix) {
        return prefix + baseName + "-dlq" + (fifo ? ".fifo" : "");
    }
}
