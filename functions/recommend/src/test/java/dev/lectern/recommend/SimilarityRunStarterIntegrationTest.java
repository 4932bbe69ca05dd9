package dev.lectern.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lectern.core.aws.LocalGrantGuard;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.local.emulators.SharedEmulators;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;

/**
 * The starter as Lambda runs it — its handler built with only its granted environment, its clients
 * guarded by its grants — against the emulated table and bucket and, for EMR Serverless, a stand-in
 * of its REST API on a loopback port that the real SDK client talks to.
 */
class SimilarityRunStarterIntegrationTest {

    private static final String APPLICATION = "00fkq7example0a1";
    private static final String JOB_ROLE = "arn:aws:iam::123456789012:role/Lectern-test-recommend-SparkJobRole";
    private static final String JAR = "s3://cdk-assets-123456789012-us-east-1/0f3c8e.jar";
    private static final String JOB_RUN = "00fkq8example0b2";

    /** What the stand-in received: one entry per request. */
    private record Received(String method, String path, JsonNode body) {
    }

    /** A canned answer: status, EMR Serverless's error type (or none) and body. */
    private record Answer(int status, String errorType, String body) {
    }

    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private HttpServer emr;
    private String bucket;

    @BeforeEach
    void startTheStandIn() throws IOException {
        emr = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        emr.createContext("/", this::answer);
        emr.start();
        bucket = RecommendTestSupport.freshBucket();
    }

    @AfterEach
    void stopTheStandIn() {
        emr.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                body.length == 0 ? null : Json.mapper().readTree(body)));
        Answer answer = answers.isEmpty() ? new Answer(500, "InternalServerException", "{\"message\":\"no answer left\"}") : answers.poll();
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (answer.errorType() != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
        }
        exchange.sendResponseHeaders(answer.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static Answer started(String jobRunId) {
        return new Answer(200, null, "{\"applicationId\":\"" + APPLICATION + "\",\"jobRunId\":\"" + jobRunId + "\",\"arn\":"
                + "\"arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + APPLICATION + "/jobruns/" + jobRunId + "\"}");
    }

    /**
     * What CDK gives {@code similarity-emr} ({@link FunctionEnvironment#of}): the emulators for the
     * table and the bucket, stand-in values for the EMR resources, and the stand-in's address.
     */
    private Map<String, String> environment(Map<ResourceId, String> spark) {
        FunctionSpec spec = LecternCatalog.function("similarity-emr").orElseThrow();
        Map<String, String> shared = SharedEmulators.get().resources().sharedEnvironment(SharedEmulators.STAGE);
        Function<ResourceId, String> value = resource -> resource.sparkEngine() ? spark.get(resource)
                : resource == ResourceId.ANALYTICS_BUCKET ? bucket : shared.get(LecternConfig.envName(resource));
        Map<String, String> env = new HashMap<>(FunctionEnvironment.of(spec, SharedEmulators.STAGE, value));
        for (String name : List.of(LecternConfig.REGION, LecternConfig.DYNAMODB_ENDPOINT, LecternConfig.SQS_ENDPOINT, LecternConfig.S3_ENDPOINT)) {
            env.put(name, shared.get(name));
        }
        env.put(LecternConfig.EMR_SERVERLESS_ENDPOINT, "http://" + emr.getAddress().getHostString() + ":" + emr.getAddress().getPort());
        return env;
    }

    private Map<String, String> environment() {
        return environment(Map.of(ResourceId.EMR_APPLICATION, APPLICATION, ResourceId.EMR_JOB_ROLE, JOB_ROLE, ResourceId.SPARK_JOB_JAR, JAR));
    }

    private static Map<String, Object> runSchedule(Map<String, String> env) {
        return FunctionEnvironment.callWith(env, () -> {
            try (SimilarityRunHandler handler = new SimilarityRunHandler()) {
                return handler.handleRequest(Map.of("schedule", "similarity-emr", "time", "2026-11-28T01:30:00Z", "detail", Map.of()),
                        SimpleLambdaContext.of("r1", "similarity-emr", 512, 60));
            }
        });
    }

    private String object(String key) {
        return new String(SharedEmulators.get().s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void writesThePublishedCoursesUnderANewVersionThenStartsTheSparkJobForIt() {
        String creator = Ids.newId();
        String java = RecommendTestSupport.publishCourse(creator, "en", List.of("java"), "Java basics");
        String python = RecommendTestSupport.publishCourse(creator, "en", List.of("python"), "Python for data");
        answers.add(started(JOB_RUN));

        Map<String, Object> output = runSchedule(environment());

        String version = (String) output.get("version");
        assertThat(version).matches("\\d{8}T\\d{6}Z-[0-9A-Z]{4}");
        assertThat(output).containsEntry("jobRunId", JOB_RUN);
        // the Spark job's input: every published course (the shared table holds other tests' too), one JSON object a line
        List<String> lines = object("recommend/" + version + "/" + ModelVersions.COURSES).lines().toList();
        assertThat(lines).hasSize((Integer) output.get("courses"));
        assertThat(String.join("\n", lines)).contains("\"id\":\"" + java + "\"", "\"id\":\"" + python + "\"", "\"title\":\"Python for data\"");
        assertThat(new ModelStore(SharedEmulators.get().s3(), RecommendTestSupport.config(bucket)).pointer())
                .as("the Spark job moves the pointer, not the starter").isEmpty();

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            // StartJobRun names the application in its path (POST /applications/{applicationId}/jobruns)
            assertThat(request.path()).isEqualTo("/applications/" + APPLICATION + "/jobruns");
            JsonNode body = request.body();
            assertThat(body.path("executionRoleArn").asText()).isEqualTo(JOB_ROLE);
            assertThat(body.path("name").asText()).isEqualTo("similarity-" + version);
            assertThat(body.path("clientToken").asText()).isEqualTo(version);
            assertThat(body.path("executionTimeoutMinutes").asLong()).isEqualTo(SimilarityRunStarter.TIMEOUT_MINUTES).isPositive();
            JsonNode spark = body.path("jobDriver").path("sparkSubmit");
            assertThat(spark.path("entryPoint").asText()).isEqualTo(JAR);
            assertThat(Json.mapper().convertValue(spark.path("entryPointArguments"), List.class))
                    .containsExactly("--bucket", bucket, "--version", version);
            assertThat(spark.path("sparkSubmitParameters").asText())
                    .startsWith("--class dev.lectern.recommend.spark.SparkSimilarityJob ")
                    .contains("--conf spark.driver.memory=14g", "--conf spark.executor.memory=14g", "--conf spark.executor.cores=4",
                            "--conf spark.dynamicAllocation.maxExecutors=12");
        });
    }

    @Test
    void aRefusedRunFailsTheInvocationWithEmrServerlesssErrorAndMovesNothing() {
        answers.add(new Answer(400, "ValidationException", "{\"message\":\"Application " + APPLICATION + " is in STOPPING state\"}"));

        assertThatThrownBy(() -> runSchedule(environment()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("STOPPING state");
        assertThat(received).as("a refusal is not retried").hasSize(1);
        assertThat(new ModelStore(SharedEmulators.get().s3(), RecommendTestSupport.config(bucket)).pointer()).isEmpty();
    }

    @Test
    void aRetryAfterAServerErrorAsksForTheSameRunAgain() {
        answers.add(new Answer(500, "InternalServerException", "{\"message\":\"try again\"}"));
        answers.add(started(JOB_RUN));

        Map<String, Object> output = runSchedule(environment());

        assertThat(output).containsEntry("jobRunId", JOB_RUN);
        assertThat(received).hasSize(2).extracting(r -> r.body().path("clientToken").asText())
                .containsOnly((String) output.get("version"));
    }

    @Test
    void itMayRunJobsOnlyOnItsApplicationAsItsJobRole() {
        // what IAM refuses in AWS: another application, another role than the ones the stage gave the function
        LocalGrantGuard guard = new LocalGrantGuard("similarity-emr",
                LecternCatalog.function("similarity-emr").orElseThrow().effectiveAccess(), LecternConfig.from(environment()::get));
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "EmrServerless");

        assertThatThrownBy(() -> guard.beforeExecution(() -> StartJobRunRequest.builder()
                .applicationId("someoneelse").executionRoleArn(JOB_ROLE).build(), attributes))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("someoneelse");
        assertThatThrownBy(() -> guard.beforeExecution(() -> StartJobRunRequest.builder()
                .applicationId(APPLICATION).executionRoleArn("arn:aws:iam::123456789012:role/admin").build(), attributes))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("may not pass this role");
        assertThat(received).isEmpty();
    }

    @Test
    void aJarThatIsNoS3UriIsRefusedAtInit() {
        Map<String, String> env = environment(Map.of(ResourceId.EMR_APPLICATION, APPLICATION, ResourceId.EMR_JOB_ROLE, JOB_ROLE,
                ResourceId.SPARK_JOB_JAR, "/tmp/lectern-recommend-spark.jar"));
        LecternConfig config = LecternConfig.from(env::get);

        assertThatThrownBy(() -> new SimilarityRunStarter(null, null, null, config, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LecternConfig.SPARK_JOB_JAR).hasMessageContaining("s3://");
        assertThat(received).isEmpty();
    }
}
