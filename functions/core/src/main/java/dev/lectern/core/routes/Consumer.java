package dev.lectern.core.routes;

import dev.lectern.core.resources.ResourceId;
import java.util.List;

/**
 * An SQS consumer: an event-source mapping with partial batch responses.
 *
 * @param queue          the queue it consumes (it gets {@link Access.Mode#CONSUME} on it implicitly)
 * @param batchSize      messages per invocation
 * @param maxConcurrency at most this many concurrent invocations (2..1000 in AWS)
 */
public record Consumer(String id, ResourceId queue, String module, Class<?> handlerClass, int batchSize,
                       int maxConcurrency, int memoryMb, int timeoutSeconds, List<Access> access) implements FunctionSpec {

    public Consumer {
        access = List.copyOf(access);
    }
}
