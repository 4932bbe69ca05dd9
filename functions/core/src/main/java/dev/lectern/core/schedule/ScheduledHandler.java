package dev.lectern.core.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lectern.core.aws.LecternHandler;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.metrics.InvocationMetrics;
import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.priming.Priming;
import dev.lectern.core.priming.TablePriming;
import dev.lectern.events.EventJson;
import dev.lectern.events.ScheduleEvent;
import java.util.Map;
import java.util.Optional;
import org.crac.Resource;

/**
 * The base of every scheduled function. The input arrives as a JSON object (what EventBridge
 * Scheduler sends, see events/src/main/resources/samples) and is bound to {@link ScheduleEvent};
 * the result is a small JSON summary that the local platform shows and Lambda logs. Each run is
 * counted, failed or not ({@link LecternMetrics}).
 */
public abstract class ScheduledHandler extends LecternHandler<Map<String, Object>, Map<String, Object>> {

    /** Priming for SnapStart (its table client only), kept as long as this handler lives. */
    private final Optional<Resource> primer = TablePriming.registerFor(getClass(), this::beans, () -> { });

    @Override
    public void close() {
        primer.ifPresent(Priming::deregister);
        super.close();
    }

    /**
     * The run's input is wrong (a rerun asked for a day that is not a date): the run fails
     * without a retry being any use, and the local runner answers 400 instead of 502.
     */
    public static final class InvalidInput extends IllegalArgumentException {
        public InvalidInput(String message) {
            super(message);
        }
    }

    protected abstract Map<String, Object> run(ScheduleEvent event);

    @Override
    protected final Map<String, Object> execute(Map<String, Object> input, Context context) {
        boolean failed = true;
        try {
            Map<String, Object> result = run(EventJson.mapper().convertValue(input, ScheduleEvent.class));
            failed = false;
            return result;
        } finally {
            LecternMetrics.run(FunctionEnvironment.lookup(FunctionEnvironment.FUNCTION_ID).orElse(getClass().getSimpleName()),
                    failed, context, beans().getBean(InvocationMetrics.class));
        }
    }
}
