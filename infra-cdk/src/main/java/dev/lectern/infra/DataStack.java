package dev.lectern.infra;

import dev.lectern.core.resources.BucketDefinition;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.QueueDefinition;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.resources.TableDefinition;
import dev.lectern.core.routes.Access;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * {@code Lectern-<stage>-data}: what outlives every deployment of code. The table, the buckets and
 * the access-log bucket, the queues with their dead-letter queues and depth alarms, the two JWT
 * key sets and the alarm topic, all from {@link LecternResources}. Context stacks reference them
 * (CDK turns each reference into an export here and an import there) and receive their grants
 * through {@link #grant}.
 */
public final class DataStack extends Stack {

    /** CDK context: the site's origins the media bucket's CORS rule names (comma separated); absent, any origin. */
    public static final String SITE_ORIGINS = "siteOrigins";
    /**
     * {@code -c edgeSecretGeneration=N} (default 1): raise it after putting a new value in the edge secret, so that the
     * web distribution and the functions that hold the secret change and CloudFormation resolves it anew for them
     * (docs/operations.md).
     */
    public static final String EDGE_SECRET_GENERATION = "edgeSecretGeneration";
    /** DynamoDB actions of a table read: never Scan (docs/design.md, "Data"); TransactGetItems is authorized as GetItem. */
    static final List<String> TABLE_READ_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem");
    /** DynamoDB actions of a table write; TransactWriteItems is authorized per item as these. */
    static final List<String> TABLE_WRITE_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    private final StageSettings settings;
    private final Topic alarmTopic;
    private final Table table;
    private final Map<ResourceId, Bucket> buckets = new EnumMap<>(ResourceId.class);
    private final Map<ResourceId, Queue> queues = new EnumMap<>(ResourceId.class);
    private final Map<ResourceId, Queue> deadLetterQueues = new EnumMap<>(ResourceId.class);
    private final Map<ResourceId, Secret> secrets = new EnumMap<>(ResourceId.class);
    private final Secret edgeSecret;

    public DataStack(Construct scope, String id, StackProps props, StageSettings settings) {
        super(scope, id, props);
        this.settings = settings;
        this.alarmTopic = newAlarmTopic();
        this.table = table(LecternResources.TABLE);
        Bucket accessLogs = accessLogBucket();
        LecternResources.BUCKETS.forEach(b -> buckets.put(b.id(), bucket(b, accessLogs)));
        LecternResources.QUEUES.forEach(this::queue);
        new AnalyticsCatalog(this, "Analytics", settings.stage(), buckets.get(ResourceId.ANALYTICS_BUCKET));
        secrets.put(ResourceId.SIGNING_KEYS, keySecret("JwtSigningKeys",
                "Lectern " + settings.stage() + " JWT signing key set (private keys); written by the identity key tool"));
        secrets.put(ResourceId.VERIFICATION_KEYS, keySecret("JwtVerificationKeys",
                "Lectern " + settings.stage() + " JWT verification key set (public keys only); written by the identity key tool"));
        secrets.put(ResourceId.STRIPE_KEYS, stripeSecret());
        this.edgeSecret = edgeSecret();
        exportEverythingAContextMayUse();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarmTopic.getTopicArn()).build();
        ResourceBudget.enforce(this);
    }

    public Table table() {
        return table;
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public Queue queue(ResourceId id) {
        Queue queue = queues.get(id);
        if (queue == null) {
            throw new IllegalArgumentException(id + " is not a queue");
        }
        return queue;
    }

    /** The dead-letter queue of each queue, by the queue's id (the stage's dashboard shows their depth). */
    public Map<ResourceId, Queue> deadLetterQueues() {
        return Collections.unmodifiableMap(deadLetterQueues);
    }

    /**
     * What a function's environment names a resource by (the values of
     * {@link dev.lectern.core.config.FunctionEnvironment#of}): tokens that resolve to imports in
     * the function's stack.
     */
    public String resourceValue(ResourceId resource) {
        return switch (resource) {
            case TABLE -> table.getTableName();
            case MEDIA_BUCKET, ANALYTICS_BUCKET -> buckets.get(resource).getBucketName();
            case PAYMENTS_QUEUE, BEHAVIOUR_QUEUE, ACCOUNTS_QUEUE -> queues.get(resource).getQueueUrl();
            case SIGNING_KEYS, VERIFICATION_KEYS, STRIPE_KEYS -> secrets.get(resource).getSecretArn();
            case EMR_APPLICATION, EMR_JOB_ROLE, SPARK_JOB_JAR -> throw sparkEngines(resource);
        };
    }

    /** A bucket's ARN (the Spark engine's job role is granted prefixes of it). */
    public String bucketArn(ResourceId bucket) {
        if (!bucket.isBucket()) {
            throw new IllegalArgumentException(bucket + " is not a bucket");
        }
        return buckets.get(bucket).getBucketArn();
    }

    private static IllegalArgumentException sparkEngines(ResourceId resource) {
        return new IllegalArgumentException(resource + " belongs to the Spark engine of the context stack that runs it (SparkEngine)");
    }

    /**
     * One catalog grant, on the function's own role. Table access is written out by hand (CDK's
     * grantReadData would add Scan and reach every item): the read or write actions on the table
     * and its indexes, and only under the partition key prefixes the grant names.
     */
    public void grant(Function function, Access access) {
        ResourceId resource = access.resource();
        switch (resource) {
            case TABLE -> function.addToRolePolicy(tableStatement(access));
            case MEDIA_BUCKET, ANALYTICS_BUCKET -> {
                Bucket bucket = buckets.get(resource);
                // the objects the grant reaches: the whole bucket, or only those under its key prefixes
                List<String> patterns = access.keyPrefixes().isEmpty() ? List.of("*")
                        : access.keyPrefixes().stream().map(prefix -> prefix + "*").toList();
                for (String pattern : patterns) {
                    switch (access.mode()) {
                        case READ -> bucket.grantRead(function, pattern);
                        case WRITE -> {
                            bucket.grantPut(function, pattern);
                            bucket.grantDelete(function, pattern);
                        }
                        case READ_WRITE -> bucket.grantReadWrite(function, pattern);
                        default -> throw new IllegalArgumentException(access + " makes no sense for a bucket");
                    }
                }
            }
            case PAYMENTS_QUEUE, BEHAVIOUR_QUEUE, ACCOUNTS_QUEUE -> {
                switch (access.mode()) {
                    case SEND -> queues.get(resource).grantSendMessages(function);
                    // the consumer's event-source mapping grants receive and delete (ContextStack)
                    case CONSUME -> {
                    }
                    default -> throw new IllegalArgumentException(access + ": functions send to queues or consume them");
                }
            }
            case SIGNING_KEYS, VERIFICATION_KEYS, STRIPE_KEYS -> {
                if (access.mode() != Access.Mode.READ) {
                    throw new IllegalArgumentException(access + ": functions only read secrets; operators and the key tool write them");
                }
                secrets.get(resource).grantRead(function);
            }
            case EMR_APPLICATION, EMR_JOB_ROLE, SPARK_JOB_JAR -> throw sparkEngines(resource);
        }
    }

    /** The table's items a grant reaches: its mode's actions, the table and its indexes, its key prefixes. */
    PolicyStatement tableStatement(Access access) {
        List<String> actions = new ArrayList<>();
        if (access.mode().reads()) {
            actions.addAll(TABLE_READ_ACTIONS);
        }
        if (access.mode().writes()) {
            actions.addAll(TABLE_WRITE_ACTIONS);
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(access + " makes no sense for a table");
        }
        List<String> resources = new ArrayList<>(List.of(table.getTableArn()));
        if (!LecternResources.TABLE.indexes().isEmpty()) {
            resources.add(table.getTableArn() + "/index/*");
        }
        // every key in the request (the item's PK, or the index partition key a Query names) must
        // start with one of the grant's prefixes
        List<String> leadingKeys = access.keyPrefixes().stream().map(prefix -> prefix + "*").toList();
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources)
                // ForAllValues holds for a request without leading keys: Null=false demands that it has some
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", leadingKeys),
                        "Null", Map.of("dynamodb:LeadingKeys", "false")))
                .build();
    }

    /**
     * Every attribute a context stack (or the stage stack's dashboard) may reference, exported whether or not a function uses it
     * today. CloudFormation refuses to remove an export another stack imports, and CDK removes an
     * export as soon as no stack references it: without this, the deployment after the last user
     * of (say) the analytics bucket drops its grant would fail in this stack, which deploys first.
     */
    private void exportEverythingAContextMayUse() {
        List<String> values = new ArrayList<>(List.of(table.getTableName(), table.getTableArn(), table.getTableStreamArn(),
                alarmTopic.getTopicArn()));
        buckets.values().forEach(b -> values.addAll(List.of(b.getBucketName(), b.getBucketArn())));
        queues.values().forEach(q -> values.addAll(List.of(q.getQueueUrl(), q.getQueueArn())));
        // the stage stack's dashboard graphs every DLQ's depth by name
        deadLetterQueues.values().forEach(q -> values.add(q.getQueueName()));
        secrets.values().forEach(s -> values.add(s.getSecretArn()));
        values.forEach(this::exportValue);
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
                .stream(StreamViewType.valueOf(definition.stream().name()))
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
        Nag.suppress(logs, "AwsSolutions-S1",
                "This bucket receives the other buckets' server access logs; logging it into itself would loop");
        return logs;
    }

    private Bucket bucket(BucketDefinition definition, Bucket accessLogs) {
        var builder = Bucket.Builder.create(this, Ids.pascal(definition.baseName()) + "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(definition.versioned())
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(definition.baseName() + "/")
                .removalPolicy(dataRemovalPolicy());
        if (definition.id() == ResourceId.MEDIA_BUCKET) {
            builder.cors(List.of(mediaCors()));
        }
        if (definition.expireNoncurrentDays() > 0) {
            builder.lifecycleRules(List.of(LifecycleRule.builder()
                    .noncurrentVersionExpiration(Duration.days(definition.expireNoncurrentDays()))
                    .abortIncompleteMultipartUploadAfter(Duration.days(2))
                    .build()));
        }
        return builder.build();
    }

    /**
     * The web app PUTs lesson media straight to the presigned URL the upload route returns, from the
     * site's origin; without this rule the browser would not let the page send it. The site's
     * address (its CloudFront stack) is not known here without a cycle between the stacks, so the
     * origins come from {@code -c siteOrigins=https://a,https://b} when a stage sets them, else any:
     * a CORS rule authorizes nothing by itself. Every request still needs a presigned URL — one key,
     * one content type and size, 15 minutes — the bucket blocks public access and enforces TLS, and
     * no credentials (cookies) are allowed across origins, so a foreign page holding no URL gets
     * nowhere. The rule only lets the browser show the page S3's answer (and its ETag).
     */
    private CorsRule mediaCors() {
        Object configured = getNode().tryGetContext(SITE_ORIGINS);
        List<String> origins = configured == null || configured.toString().isBlank() ? List.of("*")
                : Arrays.stream(configured.toString().split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
        return CorsRule.builder()
                .allowedOrigins(origins)
                .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
                .allowedHeaders(List.of("content-type"))
                .exposedHeaders(List.of("ETag"))
                .maxAge(3000)
                .build();
    }

    private void queue(QueueDefinition definition) {
        String name = Ids.pascal(definition.baseName());
        Queue dlq = Queue.Builder.create(this, name + "DeadLetterQueue")
                .fifo(definition.fifo() ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Nag.suppress(dlq, "AwsSolutions-SQS3",
                "This is a dead-letter queue; its depth is alarmed and an operator redrives or inspects it");
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
        queueNotEmptyAlarm(this, name + "DeadLetterQueueNotEmpty", dlq,
                "Messages of " + definition.baseName() + " failed maxReceiveCount times and wait in its DLQ");
    }

    /** The JWT key sets: their values written by the identity key tool, which also rotates them. */
    private Secret keySecret(String id, String description) {
        return operatorSecret(id, description, "Rotated by the identity key tool (docs/operations.md): a new key is published "
                + "before it signs and the old one verifies until its tokens expire, which a single-value rotation Lambda cannot do");
    }

    /**
     * Stripe's secret API key and webhook signing secret, as JSON {@code {"apiKey", "webhookSecret"}}:
     * created empty, its value set by the operator (docs/operations.md), read by the functions that
     * call Stripe or verify its webhooks and by nothing else.
     */
    private Secret stripeSecret() {
        return operatorSecret("StripeKeys", "Lectern " + settings.stage()
                        + " Stripe keys: {\"apiKey\": \"sk_...\", \"webhookSecret\": \"whsec_...\"}, set by the operator",
                "Stripe's keys are rolled in Stripe's dashboard and then set here by the operator (docs/operations.md); "
                        + "a rotation Lambda cannot create Stripe keys");
    }

    /**
     * What the web distribution sends the API as {@code X-Lectern-Edge} ({@code ViewerAddresses}): the proof that a
     * request came through CloudFront, so that the functions that count client networks may take the viewer's address
     * from it. Generated by Secrets Manager; CloudFormation resolves it into the distribution's origin and those
     * functions' environment at deployment.
     */
    private Secret edgeSecret() {
        Secret secret = Secret.Builder.create(this, "EdgeSecret")
                .description("Lectern " + settings.stage() + " web distribution's secret origin header (X-Lectern-Edge)")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(48).build())
                .removalPolicy(dataRemovalPolicy())
                .build();
        Nag.suppress(secret, "AwsSolutions-SMG4", "Its value is resolved into the web distribution and the functions' "
                + "environment at deployment, where a rotation Lambda cannot reach: rotate it by a new deployment "
                + "(docs/operations.md)");
        return secret;
    }

    /**
     * The edge secret as a CloudFormation dynamic reference: resolved at deployment, so its value is in no template.
     */
    public String edgeSecretValue() {
        return edgeSecret.getSecretValue().unsafeUnwrap();
    }

    /** The edge secret's generation ({@link #EDGE_SECRET_GENERATION}), a whole number from 1. */
    public String edgeSecretGeneration() {
        Object configured = getNode().tryGetContext(EDGE_SECRET_GENERATION);
        String generation = configured == null ? "1" : configured.toString().trim();
        if (!generation.matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException("-c " + EDGE_SECRET_GENERATION + " must be a whole number from 1, not \"" + generation + "\"");
        }
        return generation;
    }

    /** A secret whose value is written and rotated outside CloudFormation, for the reason given. */
    private Secret operatorSecret(String id, String description, String whyNoRotationLambda) {
        Secret secret = Secret.Builder.create(this, id)
                .description(description)
                .removalPolicy(dataRemovalPolicy())
                .build();
        Nag.suppress(secret, "AwsSolutions-SMG4", whyNoRotationLambda);
        return secret;
    }

    private Topic newAlarmTopic() {
        return Topic.Builder.create(this, "AlarmTopic")
                .displayName("Lectern " + settings.stage() + " alarms")
                .masterKey(Alias.fromAliasName(this, "SnsManagedKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
    }

    /**
     * An alarm to the stage's topic as soon as {@code queue} holds a message: for queues nothing consumes, where
     * a message is a failure waiting for an operator (a DLQ, an on-failure queue, failed Spark runs).
     */
    void queueNotEmptyAlarm(Construct scope, String id, IQueue queue, String description) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
    }
}
