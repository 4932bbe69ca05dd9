package dev.lectern.core.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Each AWS SDK call as an X-Ray subsegment of the Lambda invocation's trace: service, operation,
 * region, request id, the table, queue or bucket it names, retries, the HTTP status, and on
 * failure the error (4xx), throttle (429) or fault (5xx or no answer) flag with the exception's
 * type and message. Never a request or response body.
 *
 * <p>Lambda's active tracing records the invocation's segment and passes its trace header (root,
 * parent segment id, sampling decision) to the function; each call is sent on its own as an
 * independent subsegment ({@code "type": "subsegment"} with {@code trace_id} and
 * {@code parent_id}) when it ends, which is what the X-Ray SDK's interceptor did, without SDK v1's
 * core and X-Ray model that the SDK's recorder needs. An unsampled or missing trace sends nothing.
 * Any failure of tracing itself is swallowed: the call's outcome never depends on it.
 */
public final class XRaySubsegments implements ExecutionInterceptor {

    /** What Lambda's Java runtime sets for each invocation; the environment variable is its fallback. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_HEADER_ENV = "_X_AMZN_TRACE_ID";
    static final String CONCURRENT_TRACE_HEADER_KEY = "AWS_LAMBDA_X_TRACE_ID";
    static final String DAEMON_ADDRESS_ENV = "AWS_XRAY_DAEMON_ADDRESS";

    private static final ExecutionAttribute<Call> CALL = new ExecutionAttribute<>("LecternXRayCall");
    private static final JsonFactory JSON = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();
    /** X-Ray's names where the SDK's differ, so that the trace map shows DynamoDB and not DynamoDb; others as the SDK names them. */
    private static final Map<String, String> SERVICE_NAMES = Map.of("DynamoDb", "DynamoDB", "Sqs", "SQS", "EmrServerless", "EMRServerless");
    /** The request fields that name the resource a call touches, and their keys in the subsegment's {@code aws} object. */
    private static final Map<String, String> RESOURCE_FIELDS = Map.of("TableName", "table_name", "QueueUrl", "queue_url",
            "Bucket", "bucket_name");

    private final Supplier<String> traceHeader;
    private final XRayEmitter emitter;

    XRaySubsegments(Supplier<String> traceHeader, XRayEmitter emitter) {
        this.traceHeader = traceHeader;
        this.emitter = emitter;
    }

    /** As in Lambda: the daemon from the environment, the trace header of the current invocation. */
    static XRaySubsegments fromEnvironment() {
        return new XRaySubsegments(XRaySubsegments::currentTraceHeader, XRayEmitter.forAddress(System.getenv(DAEMON_ADDRESS_ENV)));
    }

    /**
     * The invocation's trace header. Where one environment serves several invocations at once, the
     * Lambda runtime gives each its header in the SDK's per-thread slot (which the SDK's own
     * trace-id interceptor reads first too); otherwise in the system property, set anew for each
     * invocation; the environment variable is the last resort.
     */
    static String currentTraceHeader() {
        String header = SdkInternalThreadLocal.get(CONCURRENT_TRACE_HEADER_KEY);
        if (header == null) {
            header = System.getProperty(TRACE_HEADER_PROPERTY);
        }
        return header != null ? header : System.getenv(TRACE_HEADER_ENV);
    }

    /** The parts of {@code Root=1-…;Parent=<16 hex>;Sampled=1} a subsegment needs. */
    record Trace(String root, String parent) {

        /** Empty unless the header names a root and a parent and says the invocation is sampled. */
        static Optional<Trace> sampled(String header) {
            if (header == null) {
                return Optional.empty();
            }
            String root = null;
            String parent = null;
            boolean sampled = false;
            for (String part : header.split(";")) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String value = part.substring(equals + 1).trim();
                switch (part.substring(0, equals).trim()) {
                    case "Root" -> root = value;
                    case "Parent" -> parent = value;
                    case "Sampled" -> sampled = value.equals("1");
                    default -> {
                        // Lineage and others: not part of a subsegment
                    }
                }
            }
            return sampled && root != null && parent != null ? Optional.of(new Trace(root, parent)) : Optional.empty();
        }
    }

    /** One traced call while it runs: its trace, its start, how many times it was sent, and whether its subsegment was. */
    private static final class Call {
        final Trace trace;
        final Instant start = Instant.now();
        int attempts;
        /** An interceptor after ours failing in afterExecution makes the SDK report the call failed too: one subsegment still. */
        boolean reported;

        Call(Trace trace) {
            this.trace = trace;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            Trace.sampled(traceHeader.get()).ifPresent(trace -> attributes.putAttribute(CALL, new Call(trace)));
        } catch (RuntimeException e) {
            // no trace for this call
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call != null) {
            call.attempts++;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        report(attributes, call -> {
            String requestId = context.response() instanceof AwsResponse response ? response.responseMetadata().requestId() : null;
            return document(call, context.request(), attributes, context.httpResponse().statusCode(), requestId, null);
        });
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        report(attributes, call -> {
            Throwable failure = context.exception();
            Integer status = context.httpResponse().map(SdkHttpResponse::statusCode).orElse(null);
            String requestId = null;
            if (failure instanceof SdkServiceException service) {
                status = service.statusCode();
                requestId = service.requestId();
            }
            return document(call, context.request(), attributes, status, requestId, failure);
        });
    }

    private interface Document {
        byte[] write(Call call) throws IOException;
    }

    /** Sends the traced call's subsegment unless it was sent already. */
    private void report(ExecutionAttributes attributes, Document document) {
        Call call = attributes.getAttribute(CALL);
        if (call == null || call.reported) {
            return;
        }
        call.reported = true;
        try {
            emitter.send(document.write(call));
        } catch (IOException | RuntimeException e) {
            // a document that cannot be written is a trace lost, never a call failed
        }
    }

    private static byte[] document(Call call, SdkRequest request, ExecutionAttributes attributes, Integer status,
                                   String requestId, Throwable failure) throws IOException {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("name", SERVICE_NAMES.getOrDefault(service, service));
            json.writeStringField("id", newId());
            json.writeStringField("trace_id", call.trace.root());
            json.writeStringField("parent_id", call.trace.parent());
            json.writeStringField("type", "subsegment");
            json.writeStringField("namespace", "aws");
            json.writeFieldName("start_time");
            json.writeNumber(epochSeconds(call.start));
            json.writeFieldName("end_time");
            json.writeNumber(epochSeconds(Instant.now()));

            json.writeObjectFieldStart("aws");
            json.writeStringField("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            if (region != null) {
                json.writeStringField("region", region.id());
            }
            if (requestId != null) {
                json.writeStringField("request_id", requestId);
            }
            for (Map.Entry<String, String> field : RESOURCE_FIELDS.entrySet()) {
                Optional<String> value = request.getValueForField(field.getKey(), String.class);
                if (value.isPresent()) {
                    json.writeStringField(field.getValue(), value.get());
                }
            }
            json.writeNumberField("retries", Math.max(0, call.attempts - 1));
            json.writeEndObject();

            if (status != null && status > 0) {
                json.writeObjectFieldStart("http");
                json.writeObjectFieldStart("response");
                json.writeNumberField("status", status);
                json.writeEndObject();
                json.writeEndObject();
            }
            if (failure != null) {
                writeFailure(json, status, failure);
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** 4xx is the caller's error (429 also a throttle); 5xx, or no answer at all, is a fault. */
    private static void writeFailure(JsonGenerator json, Integer status, Throwable failure) throws IOException {
        boolean clientError = status != null && status >= 400 && status < 500;
        boolean throttled = status != null && status == 429
                || failure instanceof SdkServiceException service && service.isThrottlingException();
        json.writeBooleanField(clientError ? "error" : "fault", true);
        if (throttled) {
            json.writeBooleanField("throttle", true);
        }
        json.writeObjectFieldStart("cause");
        json.writeArrayFieldStart("exceptions");
        json.writeStartObject();
        json.writeStringField("id", newId());
        json.writeStringField("type", failure.getClass().getName());
        if (failure.getMessage() != null) {
            json.writeStringField("message", failure.getMessage());
        }
        json.writeBooleanField("remote", failure instanceof SdkServiceException);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Seconds since the epoch with microseconds, as X-Ray's documents carry them. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000, 6);
    }

    /** A 64-bit id in 16 hex digits. */
    private static String newId() {
        return HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
