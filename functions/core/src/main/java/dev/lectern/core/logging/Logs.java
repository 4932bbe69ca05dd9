package dev.lectern.core.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs one invocation's work with its log context: Powertools' Lambda fields (request id,
 * function name, cold start) and our correlation id, which travels from the API request
 * through SQS message attributes to every consumer's log lines.
 */
public final class Logs {

    public static final String CORRELATION_ID = "correlation_id";

    private Logs() {
    }

    public static <T> T withInvocation(Context context, Supplier<T> work) {
        if (context == null) {
            return work.get();
        }
        return PowertoolsLogging.withLogging(context, work);
    }

    /** Sets the correlation id for the log lines that follow, until {@link #clearCorrelationId()}. */
    public static void correlationId(String correlationId) {
        if (correlationId == null) {
            MDC.remove(CORRELATION_ID);
        } else {
            MDC.put(CORRELATION_ID, correlationId);
        }
    }

    /** The current invocation's correlation id (what an event it sends carries on), or null. */
    public static String currentCorrelationId() {
        return MDC.get(CORRELATION_ID);
    }

    public static void clearCorrelationId() {
        MDC.remove(CORRELATION_ID);
    }
}
