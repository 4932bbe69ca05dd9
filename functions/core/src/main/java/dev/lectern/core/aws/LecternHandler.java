package dev.lectern.core.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lectern.core.logging.Logs;
import io.micronaut.context.BeanContext;

/**
 * The base of every Lectern function: a Micronaut bean context that builds, on first use, only the
 * beans this handler injects (and what they need), and each invocation run inside its logging
 * scope.
 *
 * <p>Why a bean context and not Micronaut's Lambda handler ({@code micronaut-function-aws}): that
 * one starts a whole application context — environments, property sources, the function registry
 * — and every bean definition its HTTP and scheduling modules bring, none of which a handler here
 * uses: configuration comes from
 * {@code LecternConfig}, JSON from core's own mappers, and the runtime hands over the parsed
 * event. Dependency injection (compile-time bean definitions, {@code @Factory},
 * {@code @Requires}) is all we take from Micronaut, and it is all a bean context is
 * (docs/performance.md, "Cold start", for what it saves).
 */
public abstract class LecternHandler<I, O> implements RequestHandler<I, O>, AutoCloseable {

    static {
        // before any Micronaut service is loaded in this class loader
        JarServiceIndex.install();
    }

    private final BeanContext beans;

    protected LecternHandler() {
        beans = BeanContext.run();
        try {
            beans.inject(this);
        } catch (RuntimeException e) {
            beans.close();
            throw e;
        }
    }

    /** The beans of this function, for what a handler fetches lazily instead of injecting. */
    protected BeanContext beans() {
        return beans;
    }

    @Override
    public final O handleRequest(I input, Context context) {
        return Logs.withInvocation(context, () -> execute(input, context));
    }

    /** The invocation's work, inside its logging scope. */
    protected abstract O execute(I input, Context context);

    @Override
    public void close() {
        beans.close();
    }
}
