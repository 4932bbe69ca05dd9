package dev.lectern.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.routes.FunctionSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Execution environments, as Lambda keeps them: each function's handler is built with its
 * no-argument constructor (as the Lambda runtime builds it), serves one invocation at a time, and
 * is reused; concurrent invocations get further instances. Handlers are built on first use, so
 * the platform starts in seconds whatever the size of the catalog.
 *
 * <p>A function is built and invoked inside its own environment ({@link FunctionEnvironment}):
 * the variables the CDK stack gives it, nothing that another function was given.
 */
final class FunctionPool implements AutoCloseable {

    private final Function<FunctionSpec, Map<String, String>> environmentOf;
    private final Map<String, Map<String, String>> environments = new ConcurrentHashMap<>();

    /** @param environmentOf the variables a function gets (computed once per function) */
    FunctionPool(Function<FunctionSpec, Map<String, String>> environmentOf) {
        this.environmentOf = environmentOf;
    }

    /** What this function sees: its environment as the stack would give it. */
    Map<String, String> environment(FunctionSpec function) {
        return environments.computeIfAbsent(function.id(), id -> Map.copyOf(environmentOf.apply(function)));
    }

    private final Map<String, ConcurrentLinkedDeque<RequestHandler<Object, Object>>> idle = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<RequestHandler<Object, Object>>> all = new ConcurrentHashMap<>();
    private final AtomicInteger invocations = new AtomicInteger();

    /** Invokes the function with the event, as Lambda would; its exceptions reach the caller. */
    Object invoke(FunctionSpec function, Object event) {
        RequestHandler<Object, Object> handler = acquire(function);
        try {
            String requestId = "local-" + invocations.incrementAndGet();
            return FunctionEnvironment.callWith(environment(function), () -> handler.handleRequest(event,
                    SimpleLambdaContext.of(requestId, function.id(), function.memoryMb(), function.timeoutSeconds())));
        } finally {
            idle.computeIfAbsent(function.id(), k -> new ConcurrentLinkedDeque<>()).push(handler);
        }
    }

    /** Builds one instance of the function now, so that its first request does not pay for it. */
    void warm(FunctionSpec function) {
        idle.computeIfAbsent(function.id(), k -> new ConcurrentLinkedDeque<>()).push(acquire(function));
    }

    private RequestHandler<Object, Object> acquire(FunctionSpec function) {
        RequestHandler<Object, Object> handler = idle.computeIfAbsent(function.id(), k -> new ConcurrentLinkedDeque<>()).poll();
        return handler != null ? handler : create(function);
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> create(FunctionSpec function) {
        try {
            var constructor = function.handlerClass().getDeclaredConstructor();
            Object instance = FunctionEnvironment.callWith(environment(function), () -> {
                try {
                    return constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build handler " + function.handler() + " of " + function.id(), e);
                }
            });
            RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
            all.computeIfAbsent(function.id(), k -> new ConcurrentLinkedDeque<>()).add(handler);
            return handler;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot build handler " + function.handler() + " of " + function.id(), e);
        }
    }

    @Override
    public void close() {
        all.values().forEach(handlers -> handlers.forEach(handler -> {
            if (handler instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // the process is stopping; a handler that fails to close holds nothing we need
                }
            }
        }));
    }
}
