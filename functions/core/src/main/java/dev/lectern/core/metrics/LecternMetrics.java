package dev.lectern.core.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lectern.core.config.FunctionEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * Lectern's metrics: written once per invocation by the base handlers as CloudWatch embedded
 * metric format (EMF) lines on stdout, which Lambda sends to the function's log group and
 * CloudWatch turns into metrics (no API call, no permission beyond writing logs). Namespace
 * {@code Lectern/<stage>}; dimensions kept few, as each combination of values is a metric
 * CloudWatch bills: the context ({@code Service}) and the catalog id of the route or function,
 * never anything per user or per request (docs/operations.md, "Metrics").
 *
 * <p>Built on Powertools' metrics through its functional API (no AspectJ): one {@link Metrics}
 * per line, filled and flushed here. The Powertools singleton ({@code MetricsFactory}) is not
 * used: its context is keyed by the X-Ray trace id and its namespace and service are global to
 * the JVM, which is right for one function per JVM but not for the local platform, where every
 * function runs in one JVM at once. For the same reason the EMF environment is fixed here
 * ({@link StdoutEnvironmentProvider}) instead of being detected from process variables: EMF's
 * detection would probe EC2 metadata and send to a CloudWatch agent outside Lambda.
 *
 * <p>Configuration comes from the function's environment ({@link FunctionEnvironment}), the same
 * variables in AWS and locally: {@value #NAMESPACE_VARIABLE} and {@value FunctionEnvironment#SERVICE_NAME}.
 * Without a namespace (a handler built outside a function environment, as some tests do), nothing
 * is written. Metrics never fail an invocation: an error is logged and the invocation goes on.
 */
public final class LecternMetrics {

    /** The namespace variable Powertools reads; {@link FunctionEnvironment#of} sets it. */
    public static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String NAMESPACE_PREFIX = "Lectern/";

    // dimensions
    public static final String SERVICE = "Service";
    public static final String ROUTE = "Route";
    public static final String STATUS_CLASS = "StatusClass";
    public static final String FUNCTION = "Function";

    // technical metrics
    /** One per API request, dimensions Service, Route, StatusClass (2xx, 3xx, 4xx, 5xx). */
    public static final String REQUESTS = "Requests";
    /** Per SQS batch, dimensions Service, Function. */
    public static final String MESSAGES_PROCESSED = "MessagesProcessed";
    public static final String MESSAGES_FAILED = "MessagesFailed";
    /** Per scheduled run, dimensions Service, Function. */
    public static final String SCHEDULED_RUNS = "ScheduledRuns";
    public static final String SCHEDULED_RUNS_FAILED = "ScheduledRunsFailed";

    private static final Logger LOG = LoggerFactory.getLogger(LecternMetrics.class);
    private static final EnvironmentProvider STDOUT = new StdoutEnvironmentProvider();
    /** A new Powertools {@link Metrics} per line, writing to stdout. */
    private static final MetricsProvider PROVIDER = () -> new EmfMetricsLogger(STDOUT, new MetricsContext());

    private LecternMetrics() {
    }

    /** The namespace of a stage's metrics. */
    public static String namespace(String stage) {
        return NAMESPACE_PREFIX + stage;
    }

    /** {@code 2xx}, {@code 4xx}, ... of an HTTP status. */
    public static String statusClass(int status) {
        return (status / 100) + "xx";
    }

    /** One API request: {@value #REQUESTS} by route and status class, then the business counts. */
    public static void request(String routeId, int status, long latencyMillis, String correlationId, Context context,
                               InvocationMetrics business) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(ROUTE, routeId);
        dimensions.put(STATUS_CLASS, statusClass(status));
        emit(dimensions, metrics -> {
            metrics.addMetric(REQUESTS, 1, MetricUnit.COUNT);
            // properties, not metrics: searchable in Logs Insights, free in CloudWatch metrics
            metrics.addMetadata("status", status);
            metrics.addMetadata("latency_ms", latencyMillis);
        }, correlationId, context, business);
    }

    /** One SQS batch of a consumer: messages processed and failed (both, zeros included). */
    public static void batch(String functionId, int processed, int failed, Context context, InvocationMetrics business) {
        emit(Map.of(FUNCTION, functionId), metrics -> {
            metrics.addMetric(MESSAGES_PROCESSED, processed, MetricUnit.COUNT);
            metrics.addMetric(MESSAGES_FAILED, failed, MetricUnit.COUNT);
        }, null, context, business);
    }

    /** One run of a scheduled function. */
    public static void run(String functionId, boolean failed, Context context, InvocationMetrics business) {
        emit(Map.of(FUNCTION, functionId), metrics -> {
            metrics.addMetric(SCHEDULED_RUNS, 1, MetricUnit.COUNT);
            metrics.addMetric(SCHEDULED_RUNS_FAILED, failed ? 1 : 0, MetricUnit.COUNT);
        }, null, context, business);
    }

    /**
     * Writes the invocation's technical line (its dimensions plus {@code Service}) and, when the
     * domain counted anything, one business line with the {@code Service} dimension alone: EMF
     * applies a line's dimensions to every metric in it, and business counts by route would
     * multiply their cost for nothing.
     */
    private static void emit(Map<String, String> dimensions, Consumer<Metrics> fill, String correlationId, Context context,
                             InvocationMetrics business) {
        Map<String, Long> counts = business == null ? Map.of() : business.drain();
        Optional<String> namespace = FunctionEnvironment.lookup(NAMESPACE_VARIABLE);
        if (namespace.isEmpty()) {
            return;
        }
        String service = FunctionEnvironment.lookup(FunctionEnvironment.SERVICE_NAME).orElse("lectern");
        try {
            Map<String, String> technical = new LinkedHashMap<>();
            technical.put(SERVICE, service);
            technical.putAll(dimensions);
            write(namespace.get(), technical, fill, correlationId, context);
            if (!counts.isEmpty()) {
                write(namespace.get(), Map.of(SERVICE, service),
                        metrics -> counts.forEach((name, n) -> metrics.addMetric(name, n, MetricUnit.COUNT)), correlationId, context);
            }
        } catch (RuntimeException e) {
            LOG.warn("metrics not written: {}", e.toString());
        }
    }

    private static void write(String namespace, Map<String, String> dimensions, Consumer<Metrics> fill, String correlationId,
                              Context context) {
        Metrics metrics = PROVIDER.getMetricsInstance();
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of(dimensions));
        fill.accept(metrics);
        if (correlationId != null) {
            metrics.addMetadata("correlation_id", correlationId);
        }
        if (context != null && context.getAwsRequestId() != null) {
            metrics.addMetadata("function_request_id", context.getAwsRequestId());
        }
        metrics.flush();
    }

    /**
     * EMF's Lambda environment (a console sink: one JSON line per flush on stdout), always. In
     * Lambda that is what EMF would detect; locally it is what we want, the lines in the log.
     */
    static final class StdoutEnvironmentProvider extends EnvironmentProvider {

        private static final Environment STDOUT = new LambdaEnvironment();

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(STDOUT);
        }
    }
}
