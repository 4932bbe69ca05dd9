package dev.lectern.infra;

import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.resources.LecternResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.constructs.Construct;

/**
 * The stage's CloudWatch dashboard, {@code Lectern-<stage>}: the API as clients see it, the
 * functions, queues and table behind it, and the business. Its size does not grow with the
 * catalog: functions are found by SEARCH expressions over the names CloudFormation gives them
 * (they start with their context stack's name), and each function graph shows the ten worst,
 * so 150 functions cost no more widgets than 30. What each widget tells an operator:
 * docs/operations.md, "The dashboard".
 */
final class OperationsDashboard extends Construct {

    /** CloudWatch's limit on one search expression. */
    static final int MAX_SEARCH_LENGTH = 1024;
    /** Lines in the "worst functions / routes" graphs. */
    static final int TOP = 10;

    private static final Duration PERIOD = Duration.minutes(5);
    /** Dynamic labels: each line of a search is named by its own dimension. */
    private static final String ROUTE_LABEL = "${PROP('Dim.Route')}";
    private static final String FUNCTION_LABEL = "${PROP('Dim.FunctionName')}";

    private final Dashboard dashboard;
    private final List<String> searches = new ArrayList<>();

    /**
     * @param contextStacks the names of the stage's context stacks: every function's name starts with one
     */
    OperationsDashboard(Construct scope, String id, StageSettings settings, IHttpApi api, DataStack data, List<String> contextStacks) {
        super(scope, id);
        String namespace = LecternMetrics.namespace(settings.stage());
        String functions = functionTerm(settings, contextStacks);
        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("Lectern-" + settings.stage())
                .defaultInterval(Duration.hours(3))
                .build();

        dashboard.addWidgets(TextWidget.Builder.create().width(24).height(2).markdown(
                "# Lectern " + settings.stage() + "\n"
                        + "API (HTTP API metrics and Lectern's per-route counts) · functions (the " + TOP + " worst of every "
                        + "function of the stage) · dead-letter queues, consumers and DynamoDB · business counts. "
                        + "What each graph means and what to do: docs/operations.md, \"The dashboard\".").build());

        // --- the API, as clients see it
        MetricOptions sum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
        dashboard.addWidgets(
                graph("API requests and errors", 8, List.of(
                        api.metricCount(withLabel(sum, "requests")),
                        api.metricClientError(withLabel(sum, "4xx")),
                        api.metricServerError(withLabel(sum, "5xx")))),
                graph("API latency (ms)", 8, List.of(
                        api.metricLatency(MetricOptions.builder().statistic("p99").period(PERIOD).label("p99").build()),
                        api.metricLatency(MetricOptions.builder().statistic("p50").period(PERIOD).label("p50").build()),
                        api.metricIntegrationLatency(MetricOptions.builder().statistic("p99").period(PERIOD)
                                .label("integration p99").build()))),
                graph("Server errors (5xx) by route, worst " + TOP, 8, List.of(
                        top(search("{\"" + namespace + "\",Service,Route,StatusClass} MetricName=\"" + LecternMetrics.REQUESTS
                                + "\" StatusClass=\"5xx\"", "Sum"), "SUM", ROUTE_LABEL))));
        dashboard.addWidgets(
                graph("Client errors (4xx) by route, worst " + TOP, 8, List.of(
                        top(search("{\"" + namespace + "\",Service,Route,StatusClass} MetricName=\"" + LecternMetrics.REQUESTS
                                + "\" StatusClass=\"4xx\"", "Sum"), "SUM", ROUTE_LABEL))),
                graph("Function errors, worst " + TOP, 8, List.of(
                        top(search("{AWS/Lambda,FunctionName} MetricName=\"Errors\" " + functions, "Sum"), "SUM", FUNCTION_LABEL))),
                graph("Function throttles, worst " + TOP, 8, List.of(
                        top(search("{AWS/Lambda,FunctionName} MetricName=\"Throttles\" " + functions, "Sum"), "SUM", FUNCTION_LABEL))));

        // --- what runs behind it
        List<IMetric> deadLetters = new ArrayList<>();
        LecternResources.QUEUES.forEach(q -> deadLetters.add(data.deadLetterQueues().get(q.id())
                .metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").period(PERIOD)
                        .label(q.baseName() + " DLQ").build())));
        dashboard.addWidgets(
                graph("Function duration p99 (ms), worst " + TOP, 8, List.of(
                        top(search("{AWS/Lambda,FunctionName} MetricName=\"Duration\" " + functions, "p99"), "MAX", FUNCTION_LABEL))),
                graph("Dead-letter queues: messages waiting", 8, deadLetters),
                graph("Consumers and schedules: failures", 8, List.of(
                        expression(search("{\"" + namespace + "\",Service,Function} MetricName=\"" + LecternMetrics.MESSAGES_FAILED + "\"",
                                "Sum"), "${PROP('Dim.Function')} failed messages"),
                        expression(search("{\"" + namespace + "\",Service,Function} MetricName=\""
                                + LecternMetrics.SCHEDULED_RUNS_FAILED + "\"", "Sum"), "${PROP('Dim.Function')} failed runs"))));

        MetricOptions tableSum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
        String table = data.table().getTableName();
        dashboard.addWidgets(
                graph("DynamoDB throttles and system errors", 12, List.of(
                        data.table().metric("ReadThrottleEvents", withLabel(tableSum, "read throttles")),
                        data.table().metric("WriteThrottleEvents", withLabel(tableSum, "write throttles")),
                        expression("SUM(" + search("{AWS/DynamoDB,TableName,GlobalSecondaryIndexName} TableName=\"" + table
                                + "\" (MetricName=\"ReadThrottleEvents\" OR MetricName=\"WriteThrottleEvents\")", "Sum") + ")",
                                "index throttles"),
                        expression("SUM(" + search("{AWS/DynamoDB,TableName,Operation} TableName=\"" + table
                                + "\" MetricName=\"SystemErrors\"", "Sum") + ")", "system errors"))),
                // every domain count: the metrics of the namespace whose only dimension is Service
                graph("Business (per hour)", 12, List.of(MathExpression.Builder.create()
                        .expression(search("{\"" + namespace + "\",Service}", "Sum", 3600))
                        .usingMetrics(Map.of())
                        .label("${PROP('MetricName')} (${PROP('Dim.Service')})")
                        .period(Duration.hours(1))
                        .build())));
    }

    Dashboard dashboard() {
        return dashboard;
    }

    /** Every search expression of the dashboard, for the tests (CloudWatch allows 1024 characters each). */
    List<String> searches() {
        return List.copyOf(searches);
    }

    /**
     * The stage's functions in a search: partial matches of the context stacks' names, which begin
     * every function's name ({@code Lectern-prod-catalog-GetCourseFunction…}). A partial match
     * of {@code Lectern-prod-catalog} needs its three tokens in a row, so another stage's
     * functions ({@code Lectern-prod2-…}, {@code Lectern-dev-alice-…}) do not match. With very many
     * contexts the list would not fit a search; then the stage's prefix alone is used.
     */
    static String functionTerm(StageSettings settings, List<String> contextStacks) {
        String each = "(" + String.join(" OR ", contextStacks.stream().map(name -> "FunctionName=" + name).toList()) + ")";
        // room for the schema and the metric name beside the list
        return each.length() <= MAX_SEARCH_LENGTH - 100 ? each : "FunctionName=" + Ids.stackName(settings, "").replaceAll("-$", "");
    }

    private String search(String query, String statistic) {
        return search(query, statistic, (int) PERIOD.toSeconds());
    }

    private String search(String query, String statistic, int periodSeconds) {
        if (query.length() > MAX_SEARCH_LENGTH) {
            throw new IllegalStateException("a search expression over CloudWatch's " + MAX_SEARCH_LENGTH + " characters: " + query);
        }
        searches.add(query);
        return "SEARCH('" + query + "', '" + statistic + "', " + periodSeconds + ")";
    }

    /** The {@value #TOP} series of a search with the highest {@code function} (SUM, MAX) over the graph's time range. */
    private static MathExpression top(String search, String function, String label) {
        return expression("SORT(" + search + ", " + function + ", DESC, " + TOP + ")", label);
    }

    private static MathExpression expression(String expression, String label) {
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(Map.of())
                .label(label)
                .period(PERIOD)
                .build();
    }

    private static MetricOptions withLabel(MetricOptions options, String label) {
        return MetricOptions.builder().statistic(options.getStatistic()).period(options.getPeriod()).label(label).build();
    }

    private static GraphWidget graph(String title, int width, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .width(width)
                .height(6)
                .left(new ArrayList<>(metrics))
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .build();
    }
}
