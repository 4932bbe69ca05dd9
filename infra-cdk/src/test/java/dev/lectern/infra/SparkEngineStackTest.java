package dev.lectern.infra;

import static dev.lectern.infra.TestApps.policy;
import static dev.lectern.infra.TestApps.props;
import static dev.lectern.infra.TestApps.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Scheduled;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A stage with {@code recommendEngine=emr}: the recommend stack's Spark engine (application, job role,
 * jar, failed-run alarm), the starter's grants and environment, and the daily schedule starting the
 * Spark job. The platform context comes along for the {@code $default} route every stage has.
 */
class SparkEngineStackTest {

    private static final StageSettings EMR = new StageSettings("prod", StageSettings.RecommendEngine.EMR);

    private static TestApps.Synthesized emr;
    private static Template recommend;

    @BeforeAll
    static void synthesize() {
        List<ContextFunctions> contexts = LecternCatalog.contexts().stream()
                .filter(c -> c.module().equals("platform") || c.module().equals("recommend")).toList();
        emr = TestApps.synthesize(EMR, contexts);
        recommend = emr.context("recommend");
    }

    private static String logicalId(String type, String constructId) {
        return resource(recommend, type, constructId).getKey();
    }

    private static String application() {
        return logicalId("AWS::EMRServerless::Application", "SparkEngineApplication");
    }

    private static String jobRole() {
        return logicalId("AWS::IAM::Role", "SparkEngineJobRole");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policyDocument) {
        return (List<Map<String, Object>>) policyDocument.get("Statement");
    }

    private static List<Object> list(Object actionOrResource) {
        return actionOrResource instanceof List<?> l ? List.copyOf(l) : List.of(actionOrResource);
    }

    @Test
    void theApplicationIsSparkOnArm64ThatStartsAndStopsByItselfWithinAMaximumCapacity() {
        recommend.resourceCountIs("AWS::EMRServerless::Application", 1);
        recommend.hasResourceProperties("AWS::EMRServerless::Application", Map.of(
                "Name", "Lectern-prod-recommend-spark",
                "Type", "SPARK",
                "ReleaseLabel", Match.stringLikeRegexp("emr-7\\..*"),
                "Architecture", "ARM64",
                "AutoStartConfiguration", Map.of("Enabled", true),
                "AutoStopConfiguration", Map.of("Enabled", true, "IdleTimeoutMinutes", SparkEngine.IDLE_STOP_MINUTES),
                "MaximumCapacity", Map.of("Cpu", "64 vCPU", "Memory", "512 GB", "Disk", "320 GB"),
                "MonitoringConfiguration", Map.of("ManagedPersistenceMonitoringConfiguration", Map.of("Enabled", true)),
                "Tags", List.of(Map.of("Key", "lectern:context", "Value", "recommend"), Map.of("Key", "lectern:stage", "Value", "prod"))));
        for (Stack stack : emr.stacks().all()) {
            if (stack != emr.stacks().context("recommend")) {
                emr.of(stack).resourceCountIs("AWS::EMRServerless::Application", 0);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJobRoleIsAssumedOnlyByThisApplicationsRunsAndReachesExactlyTheJobsPrefixesAndItsJar() {
        Map<String, Object> role = props(resource(recommend, "AWS::IAM::Role", "SparkEngineJobRole").getValue());
        assertThat(statements((Map<String, Object>) role.get("AssumeRolePolicyDocument"))).singleElement().satisfies(trust -> {
            assertThat(trust.get("Principal")).isEqualTo(Map.of("Service", "emr-serverless.amazonaws.com"));
            assertThat(trust.get("Action")).isEqualTo("sts:AssumeRole");
            assertThat(Json.write(trust.get("Condition"))).contains("\"ArnLike\":{\"aws:SourceArn\":{\"Fn::GetAtt\":[\"" + application()
                    + "\",\"Arn\"]}}", "\"aws:SourceAccount\"");
        });
        assertThat(role).doesNotContainKey("ManagedPolicyArns");
        // the inline policy is the role's only one: no other policy names it
        assertThat(recommend.findResources("AWS::IAM::Policy").values()).noneMatch(p ->
                Json.write(props(p).get("Roles")).contains(jobRole()));

        List<Map<String, Object>> job = statements((Map<String, Object>) ((List<Map<String, Object>>) role.get("Policies")).getFirst().get("PolicyDocument"));
        assertThat(job).hasSize(4);
        // the analytics bucket's ARN, imported from the data stack
        Object bucket = job.get(2).get("Resource");
        String analytics = resource(emr.data(), "AWS::S3::Bucket", "AnalyticsBucket").getKey();
        assertThat(Json.write(bucket)).startsWith("{\"Fn::ImportValue\":\"Lectern-prod-data:ExportsOutputFnGetAtt" + analytics + "Arn");
        assertThat(job.get(0)).isEqualTo(Map.of("Action", "s3:GetObject", "Effect", "Allow",
                "Resource", Map.of("Fn::Join", List.of("", List.of(bucket, "/events-parquet/*")))));
        assertThat(job.get(1)).isEqualTo(Map.of("Action", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), "Effect", "Allow",
                "Resource", Map.of("Fn::Join", List.of("", List.of(bucket, "/recommend/*")))));
        assertThat(job.get(2)).isEqualTo(Map.of("Action", "s3:ListBucket", "Effect", "Allow", "Resource", bucket));
        assertThat(job.get(3)).containsEntry("Action", "s3:GetObject");
        assertThat(Json.write(job.get(3).get("Resource"))).contains("cdk-", "-assets-", ".jar");
        // no wildcard action, and no resource beyond the bucket, its two prefixes and the jar
        job.forEach(statement -> {
            assertThat(list(statement.get("Action"))).allSatisfy(action -> assertThat((String) action).doesNotContain("*"));
            assertThat(list(statement.get("Resource"))).doesNotContain("*");
        });
        assertThat(Json.write(job)).doesNotContain("kms:", "logs:", "glue:", "dynamodb:", "/events/*", "athena-results");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStarterMayStartRunsOnThisApplicationPassOnlyTheJobRoleToEmrServerlessAndWriteTheModelsPrefix() {
        Map<String, Object> policy = props(policy(recommend, "SimilarityEmr"));
        List<Map<String, Object>> statements = statements((Map<String, Object>) policy.get("PolicyDocument"));

        assertThat(statements).contains(
                Map.of("Action", "emr-serverless:StartJobRun", "Effect", "Allow", "Resource", Map.of("Fn::GetAtt", List.of(application(), "Arn"))),
                Map.of("Action", "iam:PassRole", "Effect", "Allow", "Resource", Map.of("Fn::GetAtt", List.of(jobRole(), "Arn")),
                        "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "emr-serverless.amazonaws.com"))));
        String text = Json.write(statements);
        assertThat(text).contains("/recommend/*", "s3:PutObject", "dynamodb:Query", "dynamodb:LeadingKeys")
                .doesNotContain("s3:GetObject", "/events-parquet/*", "dynamodb:PutItem", "emr-serverless:*", "emr-serverless:GetJobRun");
        assertThat(text.split("emr-serverless:", -1)).hasSize(2);
        assertThat(text.split("iam:PassRole", -1)).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStarterIsSmallAndItsEnvironmentNamesTheApplicationTheJobRoleAndTheJarsS3Uri() {
        FunctionSpec starter = LecternCatalog.function("similarity-emr").orElseThrow();
        Map<String, Object> function = props(resource(recommend, "AWS::Lambda::Function", "SimilarityEmrFunction").getValue());
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");

        assertThat(function).containsEntry("MemorySize", 512).containsEntry("Timeout", 60)
                .containsEntry("Handler", "dev.lectern.recommend.SimilarityRunHandler::handleRequest");
        Set<String> expected = new LinkedHashSet<>(FunctionEnvironment.of(starter, "prod", r -> "<" + r + ">").keySet());
        expected.add("JAVA_TOOL_OPTIONS");
        assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(variables.get(LecternConfig.EMR_APPLICATION_ID)).isEqualTo(Map.of("Fn::GetAtt", List.of(application(), "ApplicationId")));
        assertThat(variables.get(LecternConfig.EMR_JOB_ROLE_ARN)).isEqualTo(Map.of("Fn::GetAtt", List.of(jobRole(), "Arn")));
        // the asset's S3 URI in CDK's asset bucket
        assertThat(Json.write(variables.get(LecternConfig.SPARK_JOB_JAR))).matches("\\{\"Fn::Sub\":\"s3://cdk-[a-z0-9]+-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}/[0-9a-f]{64}\\.jar\"}");
    }

    @Test
    void theDailyScheduleStartsTheSparkJobAndSimilarityStaysForRunsByHand() {
        Scheduled similarity = (Scheduled) LecternCatalog.function("similarity").orElseThrow();

        recommend.resourceCountIs("AWS::Scheduler::Schedule", 1);
        recommend.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", similarity.expression(),
                "ScheduleExpressionTimezone", "UTC",
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", logicalId("AWS::Lambda::Alias", "SimilarityEmrLive")),
                        "Input", Match.stringLikeRegexp(".*\"schedule\":\"similarity-emr\".*")))));
        // still deployed, with its grants, for runs by hand; nothing invokes it on a schedule
        recommend.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.lectern.recommend.SimilarityJobHandler::handleRequest",
                "Description", Match.stringLikeRegexp("By hand .*")));
        assertThat(recommend.findResources("AWS::IAM::Role").keySet()).noneMatch(id -> id.startsWith("SimilaritySchedulerRole"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedOrCancelledRunAlarmsAndSoDoesAStarterThatFails() {
        String queue = logicalId("AWS::SQS::Queue", "SparkEngineFailedRuns");
        recommend.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.emr-serverless"),
                        "detail-type", List.of("EMR Serverless Job Run State Change"),
                        "detail", Map.of("applicationId", List.of(Map.of("Fn::GetAtt", List.of(application(), "ApplicationId"))),
                                "state", List.of("FAILED", "CANCELLED"))),
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn")))))));
        // EventBridge may send to the queue, for this rule only
        String rule = logicalId("AWS::Events::Rule", "SparkEngineFailedRunRule");
        assertThat(Json.write(recommend.findResources("AWS::SQS::QueuePolicy"))).contains("events.amazonaws.com", "aws:SourceArn", rule);
        recommend.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
                "Threshold", 1,
                "AlarmActions", List.of(Match.objectLike(Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*AlarmTopic.*"))))));

        // the starter is among the functions the context's error alarms watch
        String starter = logicalId("AWS::Lambda::Function", "SimilarityEmrFunction");
        Set<String> watched = new HashSet<>();
        recommend.findResources("AWS::CloudWatch::Alarm").values().stream().map(a -> props(a).get("Metrics")).filter(m -> m != null)
                .forEach(metrics -> ((List<Map<String, Object>>) metrics).stream().filter(m -> m.containsKey("MetricStat"))
                        .map(m -> (Map<String, Object>) ((Map<String, Object>) m.get("MetricStat")).get("Metric"))
                        .forEach(metric -> watched.add(Json.write(metric.get("Dimensions")) + " " + metric.get("MetricName"))));
        assertThat(watched).anyMatch(w -> w.contains(starter) && w.endsWith(" Errors"));
    }

    @Test
    void cdkNagStaysCleanAndTheStackWithinItsBudget() {
        assertThat(emr.nagErrors()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(ResourceBudget.count(emr.stacks().context("recommend"))).isLessThanOrEqualTo(ResourceBudget.MAX_RESOURCES);
    }

    @Test
    void anEngineThatIsNeitherIsRefusedNamingTheChoices() {
        assertThat(StageSettings.RecommendEngine.of(null)).isEqualTo(StageSettings.RecommendEngine.FUNCTION);
        assertThat(StageSettings.RecommendEngine.of("emr")).isEqualTo(StageSettings.RecommendEngine.EMR);
        assertThatThrownBy(() -> StageSettings.RecommendEngine.of("spark"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recommendEngine must be one of [function, emr]").hasMessageContaining("'spark'");
        assertThatThrownBy(() -> StageSettings.RecommendEngine.of("EMR")).hasMessageContaining("'EMR'");
        assertThatThrownBy(() -> new StageSettings("prod", null)).hasMessageContaining("recommendEngine");
    }

    @Test
    void aStageWithTheSparkEngineAndNoJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> LecternApp.sparkJar("nothing-here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lectern-nothing-here-spark.jar").hasMessageContaining("recommendEngine=emr")
                .hasMessageContaining("-pl functions/nothing-here-spark");
    }
}
