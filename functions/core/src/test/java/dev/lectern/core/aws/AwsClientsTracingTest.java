package dev.lectern.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.core.config.LecternConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * In AWS every SDK call is an X-Ray subsegment sent to the daemon over UDP; against the emulators
 * nothing is traced. A real DynamoDB client answered by a canned HTTP client sends its subsegments
 * to a UDP socket of this test standing in for the daemon.
 */
class AwsClientsTracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "1-67891233-abcdef012345678912345678";
    private static final String SAMPLED = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";
    private static DatagramChannel daemon;
    private static String daemonAddress;

    @BeforeAll
    static void listen() throws IOException {
        daemon = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        daemon.socket().setSoTimeout(300);
        daemonAddress = "127.0.0.1:" + ((InetSocketAddress) daemon.getLocalAddress()).getPort();
    }

    @AfterAll
    static void close() throws IOException {
        daemon.close();
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

    /** A DynamoDB client with the tracing interceptor, reading the given header and sending to this test's daemon. */
    private static DynamoDbClient tracedClient(Supplier<String> header, int status, String body) {
        return DynamoDbClient.builder().httpClient(new CannedHttp(status, body)).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .addExecutionInterceptor(new XRaySubsegments(header, XRayEmitter.forAddress(daemonAddress))).build())
                .build();
    }

    /** The next packet the daemon receives: the header line and the subsegment, or empty after a short wait. */
    private static Optional<JsonNode> received() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        try {
            daemon.socket().receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", 2);
        assertThat(JSON.readTree(lines[0])).isEqualTo(JSON.readTree("{\"format\": \"json\", \"version\": 1}"));
        return Optional.of(JSON.readTree(lines[1]));
    }

    private static void getItem(DynamoDbClient dynamoDb) {
        dynamoDb.getItem(b -> b.tableName("lectern-table")
                .key(Map.of("PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("PROBE"))));
    }

    @Test
    void inAwsEveryClientCarriesTheTracingInterceptorAndAgainstTheEmulatorsNone() {
        LecternConfig aws = LecternConfig.from(name -> null);
        LecternConfig local = LecternConfig.from(Map.of(
                LecternConfig.DYNAMODB_ENDPOINT, "http://127.0.0.1:1",
                LecternConfig.SQS_ENDPOINT, "http://127.0.0.1:2",
                LecternConfig.S3_ENDPOINT, "http://127.0.0.1:3")::get);

        assertThat(AwsClients.tracing(aws)).get().isInstanceOf(XRaySubsegments.class);
        assertThat(AwsClients.overrides(aws).executionInterceptors()).hasAtLeastOneElementOfType(XRaySubsegments.class);
        assertThat(AwsClients.tracing(local)).isEmpty();
        assertThat(AwsClients.overrides(local).executionInterceptors()).noneMatch(XRaySubsegments.class::isInstance);
    }

    @Test
    void aCallInASampledInvocationIsASubsegmentOfItsTrace() throws IOException {
        double before = Instant.now().toEpochMilli() / 1000.0;
        try (DynamoDbClient dynamoDb = tracedClient(() -> SAMPLED, 200, "{}")) {
            getItem(dynamoDb);
        }

        JsonNode call = received().orElseThrow();
        assertThat(call.get("name").asText()).isEqualTo("DynamoDB");
        assertThat(call.get("id").asText()).matches("[0-9a-f]{16}");
        assertThat(call.get("trace_id").asText()).isEqualTo(ROOT);
        assertThat(call.get("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(call.get("type").asText()).isEqualTo("subsegment");
        assertThat(call.get("namespace").asText()).isEqualTo("aws");
        assertThat(call.get("start_time").asDouble()).isGreaterThanOrEqualTo(before - 0.001);
        assertThat(call.get("end_time").asDouble()).isGreaterThanOrEqualTo(call.get("start_time").asDouble());
        assertThat(JSON.convertValue(call.get("aws"), Map.class)).containsEntry("operation", "GetItem")
                .containsEntry("region", "eu-west-1").containsEntry("request_id", "REQ200")
                .containsEntry("table_name", "lectern-table").containsEntry("retries", 0);
        assertThat(call.at("/http/response/status").asInt()).isEqualTo(200);
        assertThat(call.has("error") || call.has("fault") || call.has("throttle") || call.has("cause")).isFalse();
    }

    @Test
    void inLambdaTheHeaderComesFromTheRuntimesSystemProperty() throws IOException {
        // what the Lambda runtime does per invocation: the trace header of the function's segment, as a system property
        String previous = System.getProperty(XRaySubsegments.TRACE_HEADER_PROPERTY);
        System.setProperty(XRaySubsegments.TRACE_HEADER_PROPERTY, SAMPLED.replace("53995c3f42cd8ad8", "0123456789abcdef"));
        try (DynamoDbClient dynamoDb = tracedClient(XRaySubsegments::currentTraceHeader, 200, "{}")) {
            dynamoDb.query(b -> b.tableName("lectern-table").keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("HEALTH"))));
        } finally {
            if (previous == null) {
                System.clearProperty(XRaySubsegments.TRACE_HEADER_PROPERTY);
            } else {
                System.setProperty(XRaySubsegments.TRACE_HEADER_PROPERTY, previous);
            }
        }

        JsonNode call = received().orElseThrow();
        assertThat(call.at("/aws/operation").asText()).isEqualTo("Query");
        assertThat(call.get("parent_id").asText()).isEqualTo("0123456789abcdef");
    }

    @Test
    void anInvocationsOwnHeaderInTheSdksThreadSlotComesBeforeTheSystemProperty() throws IOException {
        // where one environment serves invocations concurrently, the runtime gives each thread its own header
        String previous = System.getProperty(XRaySubsegments.TRACE_HEADER_PROPERTY);
        System.setProperty(XRaySubsegments.TRACE_HEADER_PROPERTY, SAMPLED.replace("53995c3f42cd8ad8", "0123456789abcdef"));
        SdkInternalThreadLocal.put(XRaySubsegments.CONCURRENT_TRACE_HEADER_KEY, SAMPLED.replace("53995c3f42cd8ad8", "fedcba9876543210"));
        try (DynamoDbClient dynamoDb = tracedClient(XRaySubsegments::currentTraceHeader, 200, "{}")) {
            getItem(dynamoDb);
        } finally {
            SdkInternalThreadLocal.remove(XRaySubsegments.CONCURRENT_TRACE_HEADER_KEY);
            if (previous == null) {
                System.clearProperty(XRaySubsegments.TRACE_HEADER_PROPERTY);
            } else {
                System.setProperty(XRaySubsegments.TRACE_HEADER_PROPERTY, previous);
            }
        }

        assertThat(received().orElseThrow().get("parent_id").asText()).isEqualTo("fedcba9876543210");
    }

    @Test
    void aFailedConditionIsAnErrorWithItsCause() throws IOException {
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\"}";
        try (DynamoDbClient dynamoDb = tracedClient(() -> SAMPLED, 400, body)) {
            assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("lectern-table")
                    .item(Map.of("PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("PROBE")))))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }

        JsonNode call = received().orElseThrow();
        assertThat(call.at("/aws/operation").asText()).isEqualTo("PutItem");
        assertThat(call.at("/aws/request_id").asText()).isEqualTo("REQ400");
        assertThat(call.at("/http/response/status").asInt()).isEqualTo(400);
        assertThat(call.get("error").asBoolean()).isTrue();
        assertThat(call.has("fault")).isFalse();
        assertThat(call.has("throttle")).isFalse();
        JsonNode exception = call.at("/cause/exceptions/0");
        assertThat(exception.get("type").asText()).isEqualTo(ConditionalCheckFailedException.class.getName());
        assertThat(exception.get("message").asText()).startsWith("The conditional request failed");
        assertThat(exception.get("remote").asBoolean()).isTrue();
    }

    /** The subsegment of a GetItem that DynamoDB answers with this status and error. */
    private static JsonNode failedGetItem(int status, String errorType, String message) throws IOException {
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType + "\",\"message\":\"" + message + "\"}";
        try (DynamoDbClient dynamoDb = tracedClient(() -> SAMPLED, status, body)) {
            assertThatThrownBy(() -> getItem(dynamoDb)).isInstanceOf(DynamoDbException.class);
        }
        return received().orElseThrow();
    }

    @Test
    void aServerErrorIsAFaultAfterTheSdksRetries() throws IOException {
        JsonNode call = failedGetItem(500, "InternalServerError", "Internal server error");
        assertThat(call.get("fault").asBoolean()).isTrue();
        assertThat(call.has("error")).isFalse();
        assertThat(call.at("/http/response/status").asInt()).isEqualTo(500);
        // the standard retry mode makes three attempts in all
        assertThat(call.at("/aws/retries").asInt()).isEqualTo(2);
        assertThat(call.at("/cause/exceptions/0/type").asText()).contains("InternalServerError");
    }

    @Test
    void aThrottledCallIsAThrottledError() throws IOException {
        JsonNode call = failedGetItem(400, "ThrottlingException", "Rate exceeded");
        assertThat(call.get("error").asBoolean()).isTrue();
        assertThat(call.get("throttle").asBoolean()).isTrue();
    }

    @Test
    void anInvocationThatIsNotSampledSendsNothing() throws IOException {
        try (DynamoDbClient dynamoDb = tracedClient(() -> "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0", 200, "{}")) {
            getItem(dynamoDb);
        }
        assertThat(received()).isEmpty();
    }

    @Test
    void withoutATraceHeaderNothingIsSent() throws IOException {
        try (DynamoDbClient dynamoDb = tracedClient(() -> null, 200, "{}")) {
            getItem(dynamoDb);
        }
        assertThat(received()).isEmpty();
    }

    @Test
    void aTracingFailureNeverFailsTheCall() throws IOException {
        Supplier<String> broken = () -> {
            throw new IllegalStateException("no header today");
        };
        try (DynamoDbClient dynamoDb = tracedClient(broken, 200, "{}")) {
            getItem(dynamoDb);
        }
        assertThat(received()).isEmpty();
    }

    @Test
    void theDaemonAddressIsHostAndPortOrTheDaemonsTwoProtocolForm() {
        assertThat(XRayEmitter.udpAddress("169.254.79.129:2000")).isEqualTo(new InetSocketAddress("169.254.79.129", 2000));
        assertThat(XRayEmitter.udpAddress("tcp:127.0.0.1:2000 udp:127.0.0.2:2001")).isEqualTo(new InetSocketAddress("127.0.0.2", 2001));
        assertThat(XRayEmitter.forAddress(null).daemon()).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
        // a value that is not host:port costs the traces, not the clients built with the interceptor
        assertThat(XRayEmitter.forAddress("localhost").daemon()).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
        assertThat(XRayEmitter.forAddress("127.0.0.1:port").daemon()).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
    }
}
