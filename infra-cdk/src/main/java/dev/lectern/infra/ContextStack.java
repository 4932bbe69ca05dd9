package dev.lectern.infra;

import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.StreamConsumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * {@code Lectern-<stage>-<module>}: one bounded context's functions, each with its role and
 * grants (on a role of its own), published version and live alias, and what invokes it: its HTTP route, integration and
 * invoke permission on the shared API, its SQS or table-stream event-source mapping or its schedule. One log group
 * for the context, and alarms on metric math over its functions. Per function this costs eight
 * resources (role, policy, function, version, alias, and route + integration + permission for a
 * route; a GET route has a HEAD route and its permission too), which is what {@link ResourceBudget}
 * counts against.
 *
 * <p>A function is deployed only where the stage has every resource it is granted
 * ({@link StageSettings#deploys}): in a stage that runs the similarity job on Spark, the context's
 * {@link SparkEngine} holds the resources only such a stage has, and a schedule that
 * {@linkplain Scheduled#replaces replaces} another there takes over its trigger.
 */
public final class ContextStack extends Stack {

    /** The alias every trigger invokes: a published version, which SnapStart restores. */
    public static final String LIVE_ALIAS = "live";

    /**
     * Functions watched by one alarm. A metric-math alarm may reference at most 10 metrics
     * (CloudWatch's hard limit, "Limits that apply to alarms based on metric math expressions"),
     * and each function brings two: Errors and Throttles of its live alias.
     */
    static final int FUNCTIONS_PER_ALARM = 5;

    private final StageSettings settings;
    private final ContextFunctions context;
    private final DataStack data;
    private final Map<String, String> extraEnvironment;
    private final String siteUrl;
    private final Code code;
    private final Supplier<String> sparkJar;
    private final LogGroup logs;
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Set<String> replaced;
    private SparkEngine sparkEngine;

    /**
     * @param api       the HTTP API, in the API stack; this stack adds its routes to it
     * @param routeKeys the encoded route keys of every context ({@link FunctionEnvironment#ROUTE_KEYS}),
     *                  which the {@code $default} function needs to tell 405 from 404
     * @param siteUrl   the web site's URL ({@link WebStack#siteUrl}), in the environment of this context's functions
     *                  if they link to the site (and only then a reference to the web stack)
     * @param code      the context module's deployment package (tests pass an empty zip)
     * @param sparkJar  the path of the context's Spark job jar, asked for only where a function that starts it is deployed
     */
    public ContextStack(Construct scope, String id, StackProps props, StageSettings settings, ContextFunctions context,
                        DataStack data, IHttpApi api, String routeKeys, String siteUrl, Code code, Supplier<String> sparkJar) {
        super(scope, id, props);
        this.settings = settings;
        this.context = context;
        this.data = data;
        this.extraEnvironment = Map.of(FunctionEnvironment.ROUTE_KEYS, routeKeys);
        this.siteUrl = siteUrl;
        this.code = code;
        this.sparkJar = sparkJar;
        this.logs = LogGroup.Builder.create(this, "FunctionLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Scheduled.checkReplacements(context.schedules());
        List<Scheduled> schedules = scheduledIn(settings, context.schedules());
        this.replaced = context.schedules().stream().filter(settings::deploys).filter(s -> !schedules.contains(s))
                .map(Scheduled::id).collect(Collectors.toSet());
        LecternCatalog.functionsOf(context).forEach(spec -> {
            if (!spec.module().equals(context.module())) {
                throw new IllegalArgumentException(spec.id() + " names module " + spec.module() + " but is declared by " + context.module());
            }
            if (settings.deploys(spec)) {
                aliases.put(spec.id(), function(spec));
            }
        });
        context.routes().stream().filter(settings::deploys).forEach(route -> route(route, api));
        context.consumers().stream().filter(settings::deploys).forEach(this::eventSource);
        context.streamConsumers().stream().filter(settings::deploys).forEach(this::streamEventSource);
        schedules.forEach(this::schedule);
        alarms();
        ResourceBudget.enforce(this);
    }

    /**
     * The schedules a stage runs: those of functions it deploys, except one that another of them
     * takes over ({@link Scheduled#replaces}).
     */
    static List<Scheduled> scheduledIn(StageSettings settings, List<Scheduled> schedules) {
        List<Scheduled> deployed = schedules.stream().filter(settings::deploys).toList();
        Set<String> takenOver = deployed.stream().flatMap(s -> s.replaces().stream()).collect(Collectors.toSet());
        return deployed.stream().filter(s -> !takenOver.contains(s.id())).toList();
    }

    /** The Spark engine's resources, in a stage that deploys a function granted one. */
    public SparkEngine sparkEngine() {
        if (sparkEngine == null) {
            sparkEngine = new SparkEngine(this, "SparkEngine", settings, context, data, sparkJar.get());
        }
        return sparkEngine;
    }

    /** The live alias of one of this context's deployed functions. */
    public Alias alias(String functionId) {
        Alias alias = aliases.get(functionId);
        if (alias == null) {
            throw new IllegalArgumentException(functionId + " is not a function of " + context.module());
        }
        return alias;
    }

    private Alias function(FunctionSpec spec) {
        String name = Ids.pascal(spec.id());
        // the function's own role: its catalog grants and writing to its context's log group, nothing
        // else (AWSLambdaBasicExecutionRole would let it write to every log group of the account)
        Role role = Role.Builder.create(this, name + "FunctionServiceRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + spec.id() + ": its catalog grants and its context's log group")
                .build();
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, name + "Function")
                .role(role)
                .description(describe(spec))
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler() + "::handleRequest")
                .code(code)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // a trace per invocation, with a subsegment per AWS SDK call (AwsClients' X-Ray interceptor);
                // CDK grants xray:PutTraceSegments and xray:PutTelemetryRecords on the function's role
                .tracing(Tracing.ACTIVE)
                .environment(environment(spec))
                // one log group per context; Powertools writes JSON lines with a "level" field, which
                // Lambda's JSON format keeps as they are, and its own START/REPORT lines become JSON too
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .build();
        // the alias below publishes a version on every code change, which is what SnapStart snapshots
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the live alias points at the function's current published version");
        spec.effectiveAccess().forEach(access -> {
            if (access.resource().sparkEngine()) {
                sparkEngine().grant(function, access);
            } else {
                data.grant(function, access);
            }
        });
        Alias alias = Alias.Builder.create(this, name + "Live")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .build();
        Nag.suppress(function, "AwsSolutions-L1",
                "Java 21 is the decided runtime (docs/design.md): Micronaut 4 and SnapStart target it");
        Nag.suppress(role, "AwsSolutions-IAM5",
                "The wildcards are the log streams of the context's own log group, the indexes of our own table (the key "
                        + "prefixes still bind every request), object keys inside our own bucket and the action families of "
                        + "CDK's bucket grants, for the catalog's declared access; and X-Ray's PutTraceSegments and "
                        + "PutTelemetryRecords, which support no resource-level permissions (Resource must be *)");
        return alias;
    }

    /** A resource's name, URL, ARN or URI as a function's environment carries it: the data stack's, or the Spark engine's. */
    private String resourceValue(ResourceId resource) {
        return resource.sparkEngine() ? sparkEngine().resourceValue(resource) : data.resourceValue(resource);
    }

    /**
     * A function's environment ({@link #functionEnvironment}), with the site's URL where its context links to the
     * site: locally the functions keep their default, the local platform's own address.
     */
    private Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> env = functionEnvironment(spec, settings.stage(), this::resourceValue, extraEnvironment);
        if (context.linksToSite()) {
            env.put(FunctionEnvironment.SITE_URL, siteUrl);
        }
        if (spec instanceof Route route && route.throttlesByNetwork()) {
            env.put(FunctionEnvironment.EDGE_SECRET, data.edgeSecretValue());
            env.put(FunctionEnvironment.EDGE_SECRET_GENERATION, data.edgeSecretGeneration());
        }
        return env;
    }

    /**
     * A function's environment: {@link FunctionEnvironment#of}, the very map the local platform
     * gives it, plus what only AWS needs. Its {@code $default} route keys are those of the contexts
     * this app deploys (in the real app, exactly what {@code of} computes from the catalog).
     */
    static Map<String, String> functionEnvironment(FunctionSpec spec, String stage,
                                                   java.util.function.Function<ResourceId, String> resourceValue, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(FunctionEnvironment.of(spec, stage, resourceValue));
        extra.forEach(env::replace);
        // how far the JVM compiles (the catalog entry's Jit): AWS-only, the local platform runs every function in one JVM
        env.put("JAVA_TOOL_OPTIONS", spec.jit().javaToolOptions());
        return env;
    }

    private String describe(FunctionSpec spec) {
        return switch (spec) {
            case Route r -> r.routeKey() + ": " + r.summary();
            case Consumer c -> "Consumes " + c.queue();
            case StreamConsumer c -> "Consumes the table stream's records whose new image has " + c.newImageAttribute();
            case Scheduled s when replaced.contains(s.id()) -> "By hand (another engine runs on its schedule here): " + s.description();
            case Scheduled s -> s.expression() + ": " + s.description();
        };
    }

    private void route(Route route, IHttpApi api) {
        String name = Ids.pascal(route.id());
        HttpRouteKey key = route.isDefaultRoute() ? HttpRouteKey.DEFAULT
                : HttpRouteKey.with(route.path(), HttpMethod.valueOf(route.method()));
        // the route, its integration and the permission to invoke the alias all land in this stack
        HttpLambdaIntegration integration = new HttpLambdaIntegration(name + "Integration", alias(route.id()));
        List<HttpRoute> routes = new ArrayList<>(List.of(HttpRoute.Builder.create(this, name + "Route")
                .httpApi(api).routeKey(key).integration(integration).build()));
        if (route.method().equals("GET")) {
            // HEAD is answered by the GET function (ApiHandler drops the body); the integration is shared,
            // the route and its invoke permission cost two resources
            routes.add(HttpRoute.Builder.create(this, name + "HeadRoute")
                    .httpApi(api).routeKey(HttpRouteKey.with(route.path(), HttpMethod.HEAD)).integration(integration).build());
        }
        routes.forEach(httpRoute -> Nag.suppress(httpRoute, "AwsSolutions-APIG4",
                "Authorization is the catalog's auth rule, enforced by each function before its logic runs "
                        + "(JWT verified against the key set); public routes are public by design"));
    }

    private void eventSource(Consumer consumer) {
        alias(consumer.id()).addEventSource(new SqsEventSource(data.queue(consumer.queue()), SqsEventSourceProps.builder()
                .batchSize(consumer.batchSize())
                .maxConcurrency(consumer.maxConcurrency())
                .reportBatchItemFailures(true)
                .build()));
    }

    /**
     * The table stream's mapping: only records whose new image has the consumer's attribute (a
     * non-empty list of strings, as an outbox is) invoke the function; a failing batch is halved
     * until the failing record is alone, retried a bounded number of times, and then its position
     * goes to an on-failure queue of its own, alarmed like every DLQ, so that one bad record never
     * stops its shard. The mapping grants reading the stream, none of the table's items.
     */
    private void streamEventSource(StreamConsumer consumer) {
        String name = Ids.pascal(consumer.id());
        Queue failures = Queue.Builder.create(this, name + "FailureQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Nag.suppress(failures, "AwsSolutions-SQS3",
                "This is the on-failure destination (a DLQ) of a stream mapping; its depth is alarmed and docs/operations.md says what to do");
        alias(consumer.id()).addEventSource(new DynamoEventSource(data.table(), DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(consumer.batchSize())
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(consumer.maxRetryAttempts())
                .onFailure(new SqsDlq(failures))
                .filters(List.of(FilterCriteria.filter(Map.of("dynamodb", Map.of("NewImage",
                        Map.of(consumer.newImageAttribute(), Map.of("L", Map.of("S", FilterRule.exists()))))))))
                .build()));
        data.queueNotEmptyAlarm(this, name + "FailureQueueNotEmpty", failures,
                "Stream records " + consumer.id() + " failed after its retries wait in its on-failure queue");
    }

    private void schedule(Scheduled scheduled) {
        String name = Ids.pascal(scheduled.id());
        Alias alias = alias(scheduled.id());
        Role role = Role.Builder.create(this, name + "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .description("Lets EventBridge Scheduler invoke " + scheduled.id())
                .build();
        alias.grantInvoke(role);
        CfnSchedule.Builder.create(this, name + "Schedule")
                .description(scheduled.description())
                .scheduleExpression(scheduled.expression())
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(alias.getFunctionArn())
                        .roleArn(role.getRoleArn())
                        .input("{\"schedule\":\"" + scheduled.id() + "\",\"time\":\"<aws.scheduler.scheduled-time>\",\"detail\":{}}")
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(2).build())
                        .build())
                .build();
    }

    /**
     * One alarm per {@value #FUNCTIONS_PER_ALARM} functions, in the catalog's order: any failed or
     * throttled invocation of their live aliases within five minutes. Missing data counts as zero
     * (a function without traffic has no datapoints), so one quiet function does not hide another.
     */
    private void alarms() {
        List<String> ids = new ArrayList<>(aliases.keySet());
        MetricOptions sum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        for (int start = 0, n = 1; start < ids.size(); start += FUNCTIONS_PER_ALARM, n++) {
            List<String> watched = ids.subList(start, Math.min(ids.size(), start + FUNCTIONS_PER_ALARM));
            Map<String, IMetric> metrics = new LinkedHashMap<>();
            for (int i = 0; i < watched.size(); i++) {
                Alias alias = aliases.get(watched.get(i));
                metrics.put("errors" + i, alias.metricErrors(sum));
                metrics.put("throttles" + i, alias.metricThrottles(sum));
            }
            // FILL(m, 0) + FILL(n, 0) + ...: one expression over at most 10 metrics
            String expression = String.join(" + ", metrics.keySet().stream().map(m -> "FILL(" + m + ", 0)").toList());
            MathExpression problems = MathExpression.Builder.create()
                    .expression(expression)
                    .usingMetrics(metrics)
                    .period(Duration.minutes(5))
                    .label("Errors and throttles")
                    .build();
            Alarm alarm = Alarm.Builder.create(this, "ErrorsOrThrottles" + n)
                    .alarmDescription(context.module() + ": failed or throttled invocations of " + String.join(", ", watched))
                    .metric(problems)
                    .threshold(1)
                    .evaluationPeriods(1)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build();
            alarm.addAlarmAction(new SnsAction(data.alarmTopic()));
        }
    }
}
