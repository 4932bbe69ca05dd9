package dev.lectern.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.lambda.Code;

/** The synthesized template of a production-like stage and a dev stage, against the catalog. */
class LecternStackTest {

    private static Template prod;
    private static Template dev;
    private static List<SynthesisMessage> nagErrors;

    @BeforeAll
    static void synthesize() throws IOException {
        String zip = emptyZip().toString();
        App app = LecternApp.newApp();
        LecternStack prodStack = new LecternStack(app, "Lectern-prod", StackProps.builder().build(), new StageSettings("prod"), m -> Code.fromAsset(zip));
        LecternStack devStack = new LecternStack(app, "Lectern-dev", StackProps.builder().build(), new StageSettings("dev"), m -> Code.fromAsset(zip));
        Aspects.of(app).add(new AwsSolutionsChecks());
        prod = Template.fromStack(prodStack);
        dev = Template.fromStack(devStack);
        nagErrors = Annotations.fromStack(prodStack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    private static Path emptyZip() throws IOException {
        Path zip = Files.createTempFile("lambda", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("empty.txt"));
            z.closeEntry();
        }
        return zip;
    }

    private static Map<String, Map<String, Object>> functions(Template template) {
        return template.findResources("AWS::Lambda::Function");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @Test
    void oneFunctionPerCatalogEntryOnJava21Arm64WithSnapStartAndALiveAlias() {
        assertThat(functions(prod)).hasSize(LecternCatalog.functions().size());
        prod.allResourcesProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        prod.resourceCountIs("AWS::Lambda::Alias", LecternCatalog.functions().size());
        prod.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    }

    @Test
    void memoryTimeoutAndHandlerComeFromTheCatalog() {
        Route health = LecternCatalog.ROUTES.getFirst();
        prod.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", health.handler() + "::handleRequest",
                "MemorySize", health.memoryMb(),
                "Timeout", health.timeoutSeconds()));
    }

    @Test
    void oneHttpRoutePerCatalogRouteAndTheDefaultRoute() {
        List<String> keys = prod.findResources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> (String) props(r).get("RouteKey")).toList();

        List<String> expected = new ArrayList<>(LecternCatalog.ROUTES.stream().map(Route::routeKey).toList());
        expected.add("$default");
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theHealthFunctionMayReadTheTableAndNothingElse() {
        Map<String, Map<String, Object>> policies = prod.findResources("AWS::IAM::Policy",
                Map.of("Properties", Map.of("Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("HealthFunctionServiceRole.*"))))));

        assertThat(policies).hasSize(1);
        String policy = policies.values().iterator().next().toString();
        assertThat(policy).contains("dynamodb:GetItem", "dynamodb:Query", "Table")
                .doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "s3:", "sqs:");
        prod.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.lectern.platform.HealthHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "LECTERN_TABLE_NAME", Match.anyValue(),
                        "LECTERN_STAGE", "prod")))));
        Map<String, Object> healthEnv = functions(prod).values().stream()
                .filter(f -> String.valueOf(props(f).get("Handler")).contains("HealthHandler")).findFirst().map(LecternStackTest::props)
                .map(p -> (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables")).orElseThrow();
        assertThat(healthEnv).doesNotContainKeys("LECTERN_MEDIA_BUCKET", "LECTERN_ANALYTICS_BUCKET", "LECTERN_BEHAVIOUR_QUEUE_URL");
    }

    private static String policyOf(String functionConstruct) {
        Map<String, Map<String, Object>> policies = prod.findResources("AWS::IAM::Policy",
                Map.of("Properties", Map.of("Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(functionConstruct + "FunctionServiceRole.*"))))));
        assertThat(policies).as(functionConstruct).hasSize(1);
        return policies.values().iterator().next().toString();
    }

    private static String ref(String logicalIdPrefix, String type) {
        return prod.findResources(type).keySet().stream().filter(k -> k.startsWith(logicalIdPrefix)).findFirst().orElseThrow();
    }

    @Test
    void onlyTheFunctionsThatSignReadTheSigningKeysAndProtectedRoutesReadTheVerificationKeys() {
        String signing = ref("JwtSigningKeys", "AWS::SecretsManager::Secret");
        String verification = ref("JwtVerificationKeys", "AWS::SecretsManager::Secret");

        assertThat(policyOf("Login")).contains(signing).doesNotContain(verification);
        assertThat(policyOf("Refresh")).contains(signing);
        assertThat(policyOf("GetMe")).contains(verification).doesNotContain(signing);
        assertThat(policyOf("SetUserRoles")).contains(verification).doesNotContain(signing);
        assertThat(policyOf("Jwks")).contains(verification).doesNotContain(signing).doesNotContain("dynamodb:");
        assertThat(policyOf("Register")).doesNotContain(signing).doesNotContain(verification);
        assertThat(policyOf("Health")).doesNotContain("secretsmanager:");
    }

    @Test
    void onlyTheMediaRoutesTouchTheMediaBucketAndOnlyAsTheyNeed() {
        String media = ref("MediaBucket", "AWS::S3::Bucket");

        assertThat(policyOf("LessonContent")).contains(media, "s3:GetObject").doesNotContain("s3:PutObject", "s3:DeleteObject");
        assertThat(policyOf("UploadLessonMedia")).contains(media, "s3:PutObject").doesNotContain("s3:GetObject");
        assertThat(policyOf("DeleteLesson")).contains(media, "s3:DeleteObject");
        assertThat(policyOf("GetCourse")).doesNotContain(media);
        assertThat(policyOf("CreateCourse")).doesNotContain(media);
        assertThat(policyOf("SearchCourses")).doesNotContain(media).doesNotContain("dynamodb:PutItem");
    }

    @Test
    void signInRoutesAreThrottledHarderThanTheApi() {
        Map<String, Object> stage = props(prod.findResources("AWS::ApiGatewayV2::Stage").values().iterator().next());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> routes = (Map<String, Map<String, Object>>) stage.get("RouteSettings");

        assertThat(routes).containsKeys("POST /auth/login", "POST /auth/register", "POST /auth/refresh", "POST /auth/logout");
        assertThat(routes.get("POST /auth/login").get("ThrottlingRateLimit")).isEqualTo(20);
        assertThat(routes).doesNotContainKey("GET /health");
    }

    @Test
    void theTableIsOnDemandWithRecoveryTtlEncryptionAndProtectedOutsideDev() {
        prod.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", LecternResources.TABLE.ttlAttribute(), "Enabled", true),
                "SSESpecification", Map.of("SSEEnabled", true),
                "DeletionProtectionEnabled", true));
        prod.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
        dev.hasResourceProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
        dev.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete"));
    }

    @Test
    void bucketsBlockPublicAccessEnforceSslAndEncrypt() {
        prod.resourceCountIs("AWS::S3::Bucket", LecternResources.BUCKETS.size() + 1);
        prod.allResourcesProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of())));
        prod.resourceCountIs("AWS::S3::BucketPolicy", LecternResources.BUCKETS.size() + 1);
        prod.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        prod.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration", Map.of("Status", "Enabled")));
    }

    @Test
    void everyQueueHasAnEncryptedDeadLetterQueueAndPaymentsIsFifo() {
        prod.resourceCountIs("AWS::SQS::Queue", LecternResources.QUEUES.size() * 2);
        prod.allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
        LecternResources.QUEUES.forEach(q -> prod.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "VisibilityTimeout", q.visibilityTimeoutSeconds(),
                "RedrivePolicy", Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", q.maxReceiveCount()))));
        prod.hasResourceProperties("AWS::SQS::Queue", Map.of("FifoQueue", true, "RedrivePolicy", Match.anyValue()));
        prod.resourceCountIs("AWS::SQS::QueuePolicy", LecternResources.QUEUES.size() * 2);
    }

    @Test
    void consumersReportPartialBatchFailuresWithTheCatalogsBatchSizeAndConcurrency() {
        prod.resourceCountIs("AWS::Lambda::EventSourceMapping", LecternCatalog.CONSUMERS.size());
        for (Consumer c : LecternCatalog.CONSUMERS) {
            prod.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                    "BatchSize", c.batchSize(),
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                    "ScalingConfig", Map.of("MaximumConcurrency", c.maxConcurrency())));
            int timeout = c.timeoutSeconds();
            int visibility = LecternResources.queue(c.queue()).visibilityTimeoutSeconds();
            assertThat(visibility).as("visibility timeout of " + c.queue() + " is at least 6x its consumer's timeout")
                    .isGreaterThanOrEqualTo(6 * timeout);
        }
    }

    @Test
    void schedulesInvokeTheLiveAliasInUtc() {
        prod.resourceCountIs("AWS::Scheduler::Schedule", LecternCatalog.SCHEDULES.size());
        LecternCatalog.SCHEDULES.forEach(s -> prod.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", s.expression(),
                "ScheduleExpressionTimezone", "UTC",
                "Target", Match.objectLike(Map.of("Input", Match.stringLikeRegexp(".*<aws.scheduler.scheduled-time>.*"))))));
    }

    @Test
    void alarmsWatchEveryDeadLetterQueueAndEveryFunctionsErrorsAndThrottles() {
        int expected = LecternResources.QUEUES.size() + 2 * LecternCatalog.functions().size();
        prod.resourceCountIs("AWS::CloudWatch::Alarm", expected);
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible"));
        prod.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Throttles"));
        prod.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", Match.anyValue()));
    }

    @Test
    void theApiLogsAccessThrottlesAndAllowsCors() {
        prod.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp(".*requestId.*"))),
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000)));
        prod.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Match.objectLike(Map.of(
                "AllowOrigins", List.of("*"), "AllowHeaders", Match.arrayWith(List.of("authorization"))))));
    }

    @Test
    void cdkNagFindsNoUnsuppressedError() {
        assertThat(nagErrors).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void cdkNagIsActiveAndWouldReportAnUnsafeResource() {
        App app = LecternApp.newApp();
        Stack probe = new Stack(app, "NagProbe");
        software.amazon.awscdk.services.sqs.Queue.Builder.create(probe, "PlainQueue").build();
        Aspects.of(app).add(new AwsSolutionsChecks());
        Template.fromStack(probe);

        assertThat(Annotations.fromStack(probe).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS3.*"))).isNotEmpty();
    }

    @Test
    void aStageNameMustBeSafeForResourceNames() {
        assertThatThrownBy(() -> new StageSettings("Prod_1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StageSettings("dev-alice").disposable()).isTrue();
        assertThat(new StageSettings("prod").disposable()).isFalse();
    }
}
