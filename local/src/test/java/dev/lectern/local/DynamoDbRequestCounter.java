package dev.lectern.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Test-only global SDK interceptor (registered in
 * software/amazon/awssdk/global/handlers/execution.interceptors): asks DynamoDB for
 * ReturnConsumedCapacity=TOTAL on every request any function makes in this JVM and records each
 * request's operation and capacity, so a test can count what one API call costs.
 */
public final class DynamoDbRequestCounter implements ExecutionInterceptor {

    /** One request; {@code function} is the function that made it (from the invocation's log context), if any. */
    public record Request(String operation, double capacityUnits, String function) {
    }

    /**
     * The behaviour consumer adds each batch of events to the trending counters whenever a batch
     * arrives, whatever route the test is measuring: its writes are priced per event in the cost
     * model, not as a route's requests.
     */
    private static final String BEHAVIOUR_CONSUMER = "behaviour-archiver";

    private static final List<Request> REQUESTS = Collections.synchronizedList(new ArrayList<>());

    public static void reset() {
        REQUESTS.clear();
    }

    public static List<Request> requests() {
        synchronized (REQUESTS) {
            return List.copyOf(REQUESTS);
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        String service = response.getClass().getPackageName();
        // the table stream's reads are Lambda's poller in AWS (the local platform's StreamEventSource),
        // billed as stream reads and not made by any function: not a route's requests
        if (!service.contains(".dynamodb.") || isStreamRead(response)) {
            return;
        }
        String function = org.slf4j.MDC.get("function_name");
        if (BEHAVIOUR_CONSUMER.equals(function)) {
            return;
        }
        String operation = response.getClass().getSimpleName().replace("Response", "");
        double units = switch (response) {
            case GetItemResponse r -> units(r.consumedCapacity());
            case PutItemResponse r -> units(r.consumedCapacity());
            case UpdateItemResponse r -> units(r.consumedCapacity());
            case DeleteItemResponse r -> units(r.consumedCapacity());
            case QueryResponse r -> units(r.consumedCapacity());
            case BatchGetItemResponse r -> r.consumedCapacity().stream().mapToDouble(DynamoDbRequestCounter::units).sum();
            case TransactWriteItemsResponse r -> r.consumedCapacity().stream().mapToDouble(DynamoDbRequestCounter::units).sum();
            default -> Double.NaN;
        };
        REQUESTS.add(new Request(operation, units, function));
    }

    private static boolean isStreamRead(SdkResponse response) {
        return response instanceof GetRecordsResponse || response instanceof GetShardIteratorResponse
                || response instanceof DescribeStreamResponse || response instanceof ListStreamsResponse;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? Double.NaN : capacity.capacityUnits();
    }
}
