package dev.lectern.infra;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.BucketDefinition;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.QueueDefinition;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.resources.TableDefinition;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.CorsPolicy;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import dev.lectern.core.routes.Auth;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything Lectern runs on, built from two lists in core: {@link LecternResources} (table,
 * buckets, queues) and {@link LecternCatalog} (one function per entry, with exactly the grants
 * its entry declares). Nothing here names a route or a resource by hand.
 */
public class LecternStack extends Stack {

    /** The alias every trigger invokes: a published version, which SnapStart restores. */
    public static final String LIVE_ALIAS = "live";

    private final StageSettings settings;
    private final Table table;
    private final Map<ResourceId, Bucket> buckets = new EnumMap<>(ResourceId.class);
    private final Map<ResourceId, Queue> queues = new EnumMap<>(ResourceId.class);
    private final Map<ResourceId, Queue> deadLetterQueues = new EnumMap<>(ResourceId.class);
    private final Map<ResourceId, Secret> secrets = new EnumMap<>(ResourceId.class);
    private final Map<String, software.amazon.awscdk.services.lambda.Alias> aliases = new LinkedHashMap<>();
    private final Topic alarmTopic;

    /**
     * @param code the deployment package of a context module (tests pass an empty one)
     */
    public LecternStack(Construct scope, String id, StackProps props, StageSettings settings, Function<String, Code> code) {
        super(scope, id, props);
        this.settings = settings;
        this.alarmTopic = alarmTopic();
        this.table = table(LecternResources.TABLE);
        Bucket accessLogs = accessLogBucket();
        LecternResources.BUCKETS.forEach(b -> buckets.put(b.id(), bucket(b, accessLogs)));
        LecternResources.QUEUES.forEach(this::queue);
        secrets.put(ResourceId.SIGNING_KEYS, keySecret("JwtSigningKeys",
                "Lectern " + settings.stage() + " JWT signing key set (private keys); written by the identity key tool"));
        secrets.put(ResourceId.VERIFICATION_KEYS, keySecret("JwtVerificationKeys",
                "Lectern " + settings.stage() + " JWT verification key set (public keys only); written by the identity key tool"));
        LecternCatalog.functions().forEach(f -> aliases.put(f.id(), function(f, code.apply(f.module()))));
        HttpApi api = httpApi();
        LecternCatalog.CONSUMERS.forEach(this::eventSource);
        LecternCatalog.SCHEDULES.forEach(this::schedule);
        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarmTopic.getTopicArn()).build();
    }

    private RemovalPolicy dataRemovalPolicy() {
        return settings.disposable() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    }

    private Table table(TableDefinition definition) {
        Table t = Table.Builder.create(this, "Table")
                .partitionKey(stringKey(definition.partitionKey()))
                .sortKey(stringKey(definition.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .timeToLiveAttribute(definition.ttlAttribute())
                .deletionProtection(!settings.disposable())
                .removalPolicy(dataRemovalPolicy())
                .build();
        definition.indexes().forEach(index -> t.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(index.name())
                .partitionKey(stringKey(index.partitionKey()))
                .sortKey(stringKey(index.sortKey()))
                .build()));
        return t;
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private Bucket accessLogBucket() {
        Bucket logs = Bucket.Builder.create(this, "AccessLogsBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(dataRemovalPolicy())
                .build();
        NagSuppressions.addResourceSuppressions(logs, List.of(suppression("AwsSolutions-S1",
                "This bucket receives the other buckets' server access logs; logging it into itself would loop")));
        return logs;
    }

    private Bucket bucket(BucketDefinition definition, Bucket accessLogs) {
        var builder = Bucket.Builder.create(this, pascal(definition.baseName()) + "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(definition.versioned())
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(definition.baseName() + "/")
                .removalPolicy(dataRemovalPolicy());
        if (definition.expireNoncurrentDays() > 0) {
            builder.lifecycleRules(List.of(LifecycleRule.builder()
                    .noncurrentVersionExpiration(Duration.days(definition.expireNoncurrentDays()))
                    .abortIncompleteMultipartUploadAfter(Duration.days(2))
                    .build()));
        }
        return builder.build();
    }

    private void queue(QueueDefinition definition) {
        String name = pascal(definition.baseName());
        Queue dlq = Queue.Builder.create(this, name + "DeadLetterQueue")
                .fifo(definition.fifo() ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(dlq, List.of(suppression("AwsSolutions-SQS3",
                "This is a dead-letter queue; its depth is alarmed and an operator redrives or inspects it")));
        Queue queue = Queue.Builder.create(this, name + "Queue")
                .fifo(definition.fifo() ? true : null)
                .contentBasedDeduplication(definition.fifo() ? false : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(definition.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.days(definition.retentionDays()))
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(definition.maxReceiveCount()).build())
                .build();
        queues.put(definition.id(), queue);
        deadLetterQueues.put(definition.id(), dlq);
        alarm(name + "DeadLetterQueueNotEmpty", dlq.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                .period(Duration.minutes(1)).statistic("Maximum").build()),
                "Messages of " + definition.baseName() + " failed maxReceiveCount times and wait in its DLQ");
    }

    private software.amazon.awscdk.services.lambda.Alias function(FunctionSpec spec, Code code) {
        String name = pascal(spec.id());
        LogGroup logs = LogGroup.Builder.create(this, name + "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        var function = software.amazon.awscdk.services.lambda.Function.Builder.create(this, name + "Function")
                .description(describe(spec))
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler() + "::handleRequest")
                .code(code)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment(spec))
                .logGroup(logs)
                .build();
        // the alias below publishes a version on every code change, which is what SnapStart snapshots
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the live alias points at the function's current published version");
        effectiveAccess(spec).forEach(access -> grant(function, access));
        var alias = software.amazon.awscdk.services.lambda.Alias.Builder.create(this, name + "Live")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .build();
        alarm(name + "Errors", alias.metricErrors(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
                spec.id() + " failed invocations");
        alarm(name + "Throttles", alias.metricThrottles(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
                spec.id() + " was throttled");
        NagSuppressions.addResourceSuppressions(function, List.of(
                suppression("AwsSolutions-L1", "Java 21 is the decided runtime (DESIGN §3): Micronaut 4 and SnapStart target it"),
                suppression("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole only lets the function write its own logs"),
                suppression("AwsSolutions-IAM5", "The wildcards come from CDK's grant methods for the catalog's declared access: "
                        + "object keys inside our own bucket, the indexes of our own table, and the action families of the mode")), true);
        return alias;
    }

    private static String describe(FunctionSpec spec) {
        return switch (spec) {
            case Route r -> r.routeKey() + ": " + r.summary();
            case Consumer c -> "Consumes " + c.queue();
            case Scheduled s -> s.expression() + ": " + s.description();
        };
    }

    /** The same variable names the code reads (LecternConfig) and the local platform sets. */
    private Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LecternConfig.STAGE, settings.stage());
        env.put("POWERTOOLS_SERVICE_NAME", "lectern-" + spec.module());
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        // tiered compilation stops at C1: the fastest start for short-lived JVMs (AWS's advice for Java on Lambda)
        env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        List<ResourceId> resources = new ArrayList<>(effectiveAccess(spec).stream().map(Access::resource).toList());
        if (spec instanceof Consumer consumer) {
            resources.add(consumer.queue());
        }
        resources.forEach(resource -> env.put(LecternConfig.envName(resource), physicalName(resource)));
        return env;
    }

    private String physicalName(ResourceId resource) {
        return switch (resource) {
            case TABLE -> table.getTableName();
            case MEDIA_BUCKET, ANALYTICS_BUCKET -> buckets.get(resource).getBucketName();
            case PAYMENTS_QUEUE, BEHAVIOUR_QUEUE -> queues.get(resource).getQueueUrl();
            case SIGNING_KEYS, VERIFICATION_KEYS -> secrets.get(resource).getSecretArn();
        };
    }

    /** The catalog's grants, plus the verification keys for every route that checks a token before its logic. */
    static List<Access> effectiveAccess(FunctionSpec spec) {
        List<Access> access = new ArrayList<>(spec.access());
        boolean verifies = spec instanceof Route route && route.auth() != Auth.PUBLIC;
        if (verifies && access.stream().noneMatch(a -> a.resource() == ResourceId.VERIFICATION_KEYS || a.resource() == ResourceId.SIGNING_KEYS)) {
            access.add(Access.read(ResourceId.VERIFICATION_KEYS));
        }
        return access;
    }

    private Secret keySecret(String id, String description) {
        Secret secret = Secret.Builder.create(this, id)
                .description(description)
                .removalPolicy(dataRemovalPolicy())
                .build();
        NagSuppressions.addResourceSuppressions(secret, List.of(suppression("AwsSolutions-SMG4",
                "Rotated by the identity key tool (docs/operations.md): a new key is published before it signs and the old one "
                        + "verifies until its tokens expire, which a single-value rotation Lambda cannot do")));
        return secret;
    }

    private void grant(software.amazon.awscdk.services.lambda.Function function, Access access) {
        ResourceId resource = access.resource();
        switch (resource) {
            case TABLE -> {
                switch (access.mode()) {
                    case READ -> table.grantReadData(function);
                    case WRITE -> table.grantWriteData(function);
                    case READ_WRITE -> table.grantReadWriteData(function);
                    default -> throw new IllegalArgumentException(access + " makes no sense for a table");
                }
            }
            case MEDIA_BUCKET, ANALYTICS_BUCKET -> {
                Bucket bucket = buckets.get(resource);
                switch (access.mode()) {
                    case READ -> bucket.grantRead(function);
                    case WRITE -> {
                        bucket.grantPut(function);
                        bucket.grantDelete(function);
                    }
                    case READ_WRITE -> bucket.grantReadWrite(function);
                    default -> throw new IllegalArgumentException(access + " makes no sense for a bucket");
                }
            }
            case PAYMENTS_QUEUE, BEHAVIOUR_QUEUE -> {
                if (access.mode() != Access.Mode.SEND) {
                    throw new IllegalArgumentException(access + ": functions send to queues; consumers get CONSUME from their event source");
                }
                queues.get(resource).grantSendMessages(function);
            }
            case SIGNING_KEYS, VERIFICATION_KEYS -> {
                if (access.mode() != Access.Mode.READ) {
                    throw new IllegalArgumentException(access + ": functions only read key sets; the key tool writes them");
                }
                secrets.get(resource).grantRead(function);
            }
        }
    }

    private HttpApi httpApi() {
        HttpApi api = HttpApi.Builder.create(this, "Api")
                .apiName("lectern-" + settings.stage())
                .createDefaultStage(false)
                .defaultIntegration(new HttpLambdaIntegration("route-not-found-integration", aliases.get(LecternCatalog.FALLBACK.id())))
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(CorsPolicy.ALLOWED_ORIGINS)
                        .allowMethods(CorsPolicy.ALLOWED_METHODS.stream().map(CorsHttpMethod::valueOf).toList())
                        .allowHeaders(CorsPolicy.ALLOWED_HEADERS)
                        .exposeHeaders(CorsPolicy.EXPOSED_HEADERS)
                        .maxAge(Duration.seconds(CorsPolicy.MAX_AGE_SECONDS))
                        .build())
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        var stage = api.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.throttleRateLimit())
                        .burstLimit(settings.throttleBurstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build());
        Map<String, Object> routeSettings = new LinkedHashMap<>();
        for (Route route : LecternCatalog.ROUTES) {
            api.addRoutes(AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(new HttpLambdaIntegration(route.id() + "-integration", aliases.get(route.id())))
                    .build())
                    .forEach(r -> stage.getNode().addDependency(r));
            if (route.path().startsWith(AUTH_PATHS)) {
                routeSettings.put(route.routeKey(), Map.of(
                        "ThrottlingRateLimit", settings.authThrottleRateLimit(),
                        "ThrottlingBurstLimit", settings.authThrottleBurstLimit()));
            }
        }
        // credential stuffing meets a lower limit on the sign-in routes than the API's default
        ((CfnStage) stage.getNode().getDefaultChild()).addPropertyOverride("RouteSettings", routeSettings);
        NagSuppressions.addResourceSuppressions(api, List.of(suppression("AwsSolutions-APIG4",
                "Authorization is the catalog's auth rule, enforced by each function before its logic runs "
                        + "(JWT verified against the key set); public routes are public by design")), true);
        return api;
    }

    private static final String AUTH_PATHS = "/auth/";

    /** One JSON line per request; no personal data beyond the source IP API Gateway needs for abuse analysis. */
    private static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"time\":\"$context.requestTime\",\"method\":\"$context.httpMethod\",\"routeKey\":\"$context.routeKey\","
            + "\"path\":\"$context.path\",\"status\":\"$context.status\",\"latencyMs\":\"$context.responseLatency\","
            + "\"integrationLatencyMs\":\"$context.integrationLatency\",\"responseLength\":\"$context.responseLength\","
            + "\"error\":\"$context.integrationErrorMessage\"}";

    private void eventSource(Consumer consumer) {
        aliases.get(consumer.id()).addEventSource(new SqsEventSource(queues.get(consumer.queue()), SqsEventSourceProps.builder()
                .batchSize(consumer.batchSize())
                .maxConcurrency(consumer.maxConcurrency())
                .reportBatchItemFailures(true)
                .build()));
    }

    private void schedule(Scheduled scheduled) {
        String name = pascal(scheduled.id());
        var alias = aliases.get(scheduled.id());
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

    private Topic alarmTopic() {
        return Topic.Builder.create(this, "AlarmTopic")
                .displayName("Lectern " + settings.stage() + " alarms")
                .masterKey(Alias.fromAliasName(this, "SnsManagedKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
    }

    private void alarm(String id, IMetric metric, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
    }

    private static NagPackSuppression suppression(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    /** {@code behaviour-archiver} → {@code BehaviourArchiver}: construct ids. */
    static String pascal(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
