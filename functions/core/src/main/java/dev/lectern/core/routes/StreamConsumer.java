package dev.lectern.core.routes;

import java.util.List;

/**
 * A consumer of the table's DynamoDB stream: an event-source mapping on the stream that invokes
 * the function only with records whose new image has {@code newImageAttribute} (Lambda's event
 * filtering; a record filtered out costs no invocation), with partial batch responses, bisection
 * of a failing batch, bounded retries and, past them, the record's position sent to an
 * on-failure queue (a DLQ with a depth alarm) instead of blocking its shard.
 *
 * <p>Reading the stream is implied by the kind (the mapping's grant: the stream's records, none of
 * the table's items); {@code access} declares what the function does with them.
 *
 * @param newImageAttribute the attribute a record's new image must have to invoke the function
 * @param batchSize         records per invocation
 * @param maxRetryAttempts  retries of a failing record before it goes to the on-failure queue (0..10000 in AWS)
 */
public record StreamConsumer(String id, String module, Class<?> handlerClass, String newImageAttribute, int batchSize,
                             int maxRetryAttempts, int memoryMb, int timeoutSeconds, List<Access> access) implements FunctionSpec {

    public StreamConsumer {
        access = List.copyOf(access);
    }
}
