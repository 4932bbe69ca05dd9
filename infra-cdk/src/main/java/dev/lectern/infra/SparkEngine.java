package dev.lectern.infra;

import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.ContextFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.emrserverless.CfnApplication;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A context's Spark job on EMR Serverless, in a stage that runs it there ({@code recommendEngine=emr}):
 * the application, the role the job's runs assume, the job's jar, and an alarm for every run that
 * fails or is cancelled (a run past its execution timeout is cancelled). These are the resources
 * {@link ResourceId#sparkEngine} names; the function that starts runs reaches them through {@link #grant}
 * and {@link #resourceValue}, as other functions reach the data stack's.
 *
 * <p>The job role may do exactly what the context declares its Spark job touches
 * ({@link ContextFunctions#sparkJob}: object prefixes of the analytics bucket), list the bucket (its
 * object names; see {@link #jobStatements}), and read the jar. The analytics bucket is encrypted with S3's own keys and CDK's
 * asset bucket with the AWS managed {@code aws/s3} key, whose policy lets the account's principals use
 * it through S3: no KMS grant is needed. Logs and the Spark UI stay in EMR Serverless's managed storage
 * (30 days, the console's "Spark UI" and {@code get-dashboard-for-job-run}), which needs no permission
 * at all, where CloudWatch or S3 logging would need the role to write there.
 */
public final class SparkEngine extends Construct {

    /** Spark 3.5 on Java 17 (the jar's release), arm64. */
    static final String RELEASE_LABEL = "emr-7.5.0";
    static final String ARCHITECTURE = "ARM64";
    /** An application with no run starts when the next one is asked for, and stops this long after its last. */
    static final int IDLE_STOP_MINUTES = 5;
    /**
     * At most 16 workers of 4 vCPU and 32 GB, each with EMR Serverless's default 20 GB of disk: room for the
     * 13 the starter asks for (SimilarityRunStarter), and a bound on what a runaway run can cost.
     */
    static final String MAX_CPU = "64 vCPU";
    static final String MAX_MEMORY = "512 GB";
    static final String MAX_DISK = "320 GB";
    /** Where the job reaches its data: the job role's grants are on this bucket only. */
    static final ResourceId BUCKET = ResourceId.ANALYTICS_BUCKET;

    private final CfnApplication application;
    private final Role jobRole;
    private final Asset jar;

    SparkEngine(Construct scope, String id, StageSettings settings, ContextFunctions context, DataStack data, String jarPath) {
        super(scope, id);
        if (context.sparkJob().isEmpty()) {
            throw new IllegalArgumentException(context.module() + " grants a function the Spark engine but declares no Spark job (sparkJob())");
        }
        this.application = CfnApplication.Builder.create(this, "Application")
                .name(Ids.stackName(settings, context.module() + "-spark"))
                .type("SPARK")
                .releaseLabel(RELEASE_LABEL)
                .architecture(ARCHITECTURE)
                .autoStartConfiguration(CfnApplication.AutoStartConfigurationProperty.builder().enabled(true).build())
                .autoStopConfiguration(CfnApplication.AutoStopConfigurationProperty.builder()
                        .enabled(true).idleTimeoutMinutes(IDLE_STOP_MINUTES).build())
                .maximumCapacity(CfnApplication.MaximumAllowedResourcesProperty.builder()
                        .cpu(MAX_CPU).memory(MAX_MEMORY).disk(MAX_DISK).build())
                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                        .managedPersistenceMonitoringConfiguration(CfnApplication.ManagedPersistenceMonitoringConfigurationProperty.builder()
                                .enabled(true).build())
                        .build())
                .tags(List.of(CfnTag.builder().key("lectern:stage").value(settings.stage()).build(),
                        CfnTag.builder().key("lectern:context").value(context.module()).build()))
                .build();
        this.jar = Asset.Builder.create(this, "JobJar").path(jarPath).build();
        this.jobRole = Role.Builder.create(this, "JobRole")
                // only runs of this application, in this account, assume it (the service's confused-deputy guard)
                .assumedBy(new ServicePrincipal("emr-serverless.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", application.getAttrArn()))))
                .description("Runs " + context.module() + "'s Spark job on EMR Serverless: its bucket prefixes and its jar")
                .inlinePolicies(Map.of("SparkJob", PolicyDocument.Builder.create()
                        .statements(jobStatements(context.sparkJob(), data)).build()))
                .build();
        Nag.suppress(jobRole, "AwsSolutions-IAM5",
                "Each wildcard is the objects under one prefix the Spark job reads or writes (its catalog declaration), "
                        + "or the listing of the analytics bucket's object names (a Hadoop file system needs 404s, not 403s)");
        failedRunAlarm(context, data);
    }

    /**
     * The job's S3 statements: its prefixes' objects (GetObject for a read; and PutObject, DeleteObject for a
     * write), ListBucket of the bucket, and GetObject of the jar. Nothing else of S3.
     */
    private List<PolicyStatement> jobStatements(List<Access> access, DataStack data) {
        String bucketArn = data.bucketArn(BUCKET);
        List<PolicyStatement> statements = new ArrayList<>();
        for (Access grant : access) {
            if (grant.resource() != BUCKET || grant.keyPrefixes().isEmpty()) {
                throw new IllegalArgumentException("a Spark job reaches object prefixes of " + BUCKET + " only, not " + grant);
            }
            List<String> actions = new ArrayList<>();
            if (grant.mode().reads()) {
                actions.add("s3:GetObject");
            }
            if (grant.mode().writes()) {
                actions.addAll(List.of("s3:PutObject", "s3:DeleteObject"));
            }
            statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions)
                    .resources(grant.keyPrefixes().stream().map(p -> bucketArn + "/" + p + "*").toList()).build());
        }
        // Listing the whole bucket, not only under the job's prefixes: without it S3 answers 403 instead of 404 for
        // an absent key, and a Hadoop file system probes absent keys as a matter of course (the pointer before the
        // first version, a "directory" before it writes under it), which would fail the run. It reveals object
        // names, never contents; the analytics bucket's names are dates, ULIDs and version names (docs/operations.md).
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(List.of("s3:ListBucket"))
                .resources(List.of(bucketArn))
                .build());
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(List.of("s3:GetObject"))
                .resources(List.of(jar.getBucket().arnForObjects(jar.getS3ObjectKey())))
                .build());
        return statements;
    }

    /**
     * EMR Serverless tells EventBridge of every change of a run's state: a run that ends FAILED or
     * CANCELLED (the execution timeout cancels) leaves its event in a queue whose depth alarms, like a
     * DLQ's. The message names the run; the alarm topic is encrypted with SNS's AWS managed key, which
     * EventBridge cannot publish to, hence the queue.
     */
    private void failedRunAlarm(ContextFunctions context, DataStack data) {
        Queue failed = Queue.Builder.create(this, "FailedRuns")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Nag.suppress(failed, "AwsSolutions-SQS3",
                "This queue holds the events of failed Spark runs for the operator (alarmed at 1); nothing consumes it to need a DLQ");
        Rule.Builder.create(this, "FailedRunRule")
                .description(context.module() + "'s Spark job runs that failed or were cancelled (timed out)")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.emr-serverless"))
                        .detailType(List.of("EMR Serverless Job Run State Change"))
                        .detail(Map.of("applicationId", List.of(application.getAttrApplicationId()),
                                "state", List.of("FAILED", "CANCELLED")))
                        .build())
                .targets(List.of(new SqsQueue(failed)))
                .build();
        data.queueNotEmptyAlarm(this, "FailedRunsAlarm", failed,
                context.module() + "'s Spark job: a run failed or timed out (its event waits in the FailedRuns queue)");
    }

    /** What a function's environment names a Spark engine resource by (tokens of this stack). */
    public String resourceValue(ResourceId resource) {
        return switch (resource) {
            case EMR_APPLICATION -> application.getAttrApplicationId();
            case EMR_JOB_ROLE -> jobRole.getRoleArn();
            case SPARK_JOB_JAR -> jar.getS3ObjectUrl();
            default -> throw new IllegalArgumentException(resource + " is no resource of the Spark engine");
        };
    }

    /**
     * One catalog grant of the Spark engine: StartJobRun on this application; PassRole of the job role, to
     * EMR Serverless only; nothing for the jar, which EMR Serverless reads with the job role.
     */
    public void grant(Function function, Access access) {
        switch (access.resource()) {
            case EMR_APPLICATION -> function.addToRolePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("emr-serverless:StartJobRun"))
                    .resources(List.of(application.getAttrArn()))
                    .build());
            case EMR_JOB_ROLE -> function.addToRolePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("iam:PassRole"))
                    .resources(List.of(jobRole.getRoleArn()))
                    .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")))
                    .build());
            case SPARK_JOB_JAR -> {
            }
            default -> throw new IllegalArgumentException(access + " is no grant of the Spark engine");
        }
    }

    public CfnApplication application() {
        return application;
    }

    public Role jobRole() {
        return jobRole;
    }
}
