package dev.lectern.core.routes;

import dev.lectern.core.auth.AccountStatus;
import dev.lectern.core.http.IdempotencyKeys;
import dev.lectern.core.resources.ResourceId;
import java.util.ArrayList;
import java.util.List;

/** What every Lambda function in the catalog has, whatever invokes it. */
public sealed interface FunctionSpec permits Route, Consumer, StreamConsumer, Scheduled {

    /** Unique, kebab-case; the CDK construct id and the function name suffix. */
    String id();

    /** The {@code functions/<module>} whose lambda jar carries the handler. */
    String module();

    /** The handler: a class literal, so that the compiler checks the entry. */
    Class<?> handlerClass();

    /** Fully qualified handler class name, as Lambda's handler setting and the local pool want it. */
    default String handler() {
        return handlerClass().getName();
    }

    int memoryMb();

    int timeoutSeconds();

    /** The resources the function may touch, and how, as its catalog entry declares them. */
    List<Access> access();

    /** How far its JVM compiles on AWS; a request or a message is handled in milliseconds, so C1 only. */
    default Jit jit() {
        return Jit.QUICK_START;
    }

    /**
     * Is it granted a resource only stages that run the similarity job on Spark have ({@link ResourceId#sparkEngine})?
     * Then it is deployed only there, and the local platform does not run it.
     */
    default boolean needsSparkEngine() {
        return access().stream().anyMatch(a -> a.resource().sparkEngine());
    }

    /**
     * What the function is granted: its declared access, plus read access to the verification
     * keys for every route that checks a token before its logic runs, to the account status for
     * every protected write ({@code AccountStatus}), to the idempotency records for every create
     * that honours {@code Idempotency-Key}, plus the queue a consumer consumes. Nothing
     * else, in AWS or locally.
     */
    default List<Access> effectiveAccess() {
        List<Access> effective = new ArrayList<>(access());
        boolean verifies = this instanceof Route route && route.auth() != Auth.PUBLIC;
        boolean hasKeys = effective.stream().anyMatch(a -> a.resource() == ResourceId.VERIFICATION_KEYS
                || a.resource() == ResourceId.SIGNING_KEYS);
        if (verifies && !hasKeys) {
            effective.add(Access.read(ResourceId.VERIFICATION_KEYS));
        }
        if (this instanceof Route route && route.writes()) {
            effective.add(Access.read(AccountStatus.KEYS));
        }
        if (this instanceof Route route && route.idempotent()) {
            effective.add(Access.readWrite(IdempotencyKeys.keys(route)));
        }
        if (this instanceof Consumer consumer) {
            effective.add(new Access(consumer.queue(), Access.Mode.CONSUME, List.of()));
        }
        return List.copyOf(effective);
    }
}
