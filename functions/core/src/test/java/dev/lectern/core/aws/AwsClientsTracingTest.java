package dev.lectern.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.contexts.LambdaSegmentContext;
import com.amazonaws.xray.contexts.SegmentContextResolverChain;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import dev.lectern.core.config.LecternConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * In AWS every SDK call is an X-Ray subsegment; against the emulators nothing is traced. Runs on
 * core's own classpath, where the X-Ray SDK's SDK v1 HTTP stack is excluded (functions/core/pom.xml):
 * a traced call and a failing one (whose exception the recorder describes) must still work.
 */
class AwsClientsTracingTest {

    private static final List<Segment> SENT = new CopyOnWriteArrayList<>();
    private static final List<Subsegment> STREAMED = new CopyOnWriteArrayList<>();
    private static AWSXRayRecorder previous;

    /** Keeps what the recorder would send to the X-Ray daemon. */
    static final class Capturing extends Emitter {
        @Override
        public boolean sendSegment(Segment segment) {
            SENT.add(segment);
            return true;
        }

        @Override
        public boolean sendSubsegment(Subsegment subsegment) {
            STREAMED.add(subsegment);
            return true;
        }
    }

    /** Answers every request with one canned response, as DynamoDB would. */
    record CannedHttp(int status, String body) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(status)
                                    .putHeader("x-amzn-RequestId", "REQ" + status)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void recordToMemory() {
        previous = AWSXRay.getGlobalRecorder();
        // the default recorder with its sampling strategy, sending to memory instead of the daemon
        AWSXRay.setGlobalRecorder(AWSXRayRecorderBuilder.standard().withEmitter(new Capturing()).build());
    }

    @AfterAll
    static void restore() {
        AWSXRay.setGlobalRecorder(previous);
    }

    private static DynamoDbClient clientAnswering(int status, String body) {
        LecternConfig aws = LecternConfig.from(name -> null);
        return DynamoDbClient.builder().httpClient(new CannedHttp(status, body)).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS))
                .overrideConfiguration(AwsClients.overrides(aws)).build();
    }

    private static Subsegment onlySubsegmentOf(Runnable call) {
        SENT.clear();
        AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
        recorder.beginSegment("lectern-test");
        try {
            call.run();
        } finally {
            recorder.endSegment();
        }
        assertThat(SENT).hasSize(1);
        assertThat(SENT.getFirst().getSubsegments()).hasSize(1);
        return SENT.getFirst().getSubsegments().getFirst();
    }

    @Test
    void inAwsEveryClientCarriesTheTracingInterceptorAndAgainstTheEmulatorsNone() {
        LecternConfig aws = LecternConfig.from(name -> null);
        LecternConfig local = LecternConfig.from(Map.of(
                LecternConfig.DYNAMODB_ENDPOINT, "http://127.0.0.1:1",
                LecternConfig.SQS_ENDPOINT, "http://127.0.0.1:2",
                LecternConfig.S3_ENDPOINT, "http://127.0.0.1:3")::get);

        assertThat(AwsClients.tracing(aws)).get().isInstanceOf(TracingInterceptor.class);
        assertThat(AwsClients.overrides(aws).executionInterceptors()).hasAtLeastOneElementOfType(TracingInterceptor.class);
        assertThat(AwsClients.tracing(local)).isEmpty();
        assertThat(AwsClients.overrides(local).executionInterceptors()).noneMatch(TracingInterceptor.class::isInstance);
    }

    @Test
    void aCallBecomesASubsegmentNamingTheServiceOperationAndTable() {
        try (DynamoDbClient dynamoDb = clientAnswering(200, "{}")) {
            Subsegment call = onlySubsegmentOf(() -> dynamoDb.getItem(b -> b.tableName("lectern-table")
                    .key(Map.of("PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("PROBE")))));

            assertThat(call.getName()).isEqualTo("DynamoDb");
            assertThat(call.getNamespace()).isEqualTo("aws");
            assertThat(call.getAws()).containsEntry("operation", "GetItem").containsEntry("table_name", "lectern-table")
                    .containsEntry("request_id", "REQ200");
            assertThat(call.isError()).isFalse();
        }
    }

    @Test
    void inLambdaACallIsASubsegmentOfTheInvocationsTrace() {
        // what the Lambda runtime does per invocation: the trace header of the function's segment, as a system property
        String root = "1-67891233-abcdef012345678912345678";
        String previousHeader = System.getProperty("com.amazonaws.xray.traceHeader");
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=" + root + ";Parent=53995c3f42cd8ad8;Sampled=1");
        // the interceptor keeps the global recorder it first met: make that one resolve Lambda's context, as in Lambda
        AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
        SegmentContextResolverChain standard = recorder.getSegmentContextResolverChain();
        SegmentContextResolverChain lambda = new SegmentContextResolverChain();
        lambda.addResolver(LambdaSegmentContext::new);
        recorder.setSegmentContextResolverChain(lambda);
        STREAMED.clear();
        try (DynamoDbClient dynamoDb = clientAnswering(200, "{}")) {
            dynamoDb.query(b -> b.tableName("lectern-table").keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("HEALTH"))));
        } finally {
            recorder.setSegmentContextResolverChain(standard);
            if (previousHeader == null) {
                System.clearProperty("com.amazonaws.xray.traceHeader");
            } else {
                System.setProperty("com.amazonaws.xray.traceHeader", previousHeader);
            }
        }

        assertThat(STREAMED).singleElement().satisfies(call -> {
            assertThat(call.getName()).isEqualTo("DynamoDb");
            assertThat(call.getAws()).containsEntry("operation", "Query");
            assertThat(call.getParentSegment().getTraceId().toString()).isEqualTo(root);
        });
    }

    @Test
    void aFailedCallIsRecordedWithItsException() {
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\"}";
        try (DynamoDbClient dynamoDb = clientAnswering(400, body)) {
            Subsegment call = onlySubsegmentOf(() -> assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("lectern-table")
                    .item(Map.of("PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("PROBE")))))
                    .isInstanceOf(ConditionalCheckFailedException.class));

            assertThat(call.getAws()).containsEntry("operation", "PutItem");
            assertThat(call.isError()).isTrue();
            assertThat(call.getCause().getExceptions()).singleElement()
                    .satisfies(e -> assertThat(e.getType()).endsWith(".ConditionalCheckFailedException"));
        }
    }
}
