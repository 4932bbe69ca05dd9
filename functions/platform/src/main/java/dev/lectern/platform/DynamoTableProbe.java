package dev.lectern.platform;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * One eventually consistent GetItem of a key no entity uses: 0.5 read units, and it needs only
 * the read grant the catalog gives /health (DescribeTable would need another permission).
 */
@Singleton
class DynamoTableProbe implements TableProbe {

    private static final Map<String, AttributeValue> PROBE_KEY = Map.of(
            "PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("HEALTH"));

    private final DynamoDbClient dynamoDb;
    private final GetItemRequest request;

    DynamoTableProbe(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.request = GetItemRequest.builder().tableName(config.require(ResourceId.TABLE)).key(PROBE_KEY).build();
    }

    @Override
    public void probe() {
        try {
            dynamoDb.getItem(request);
        } catch (SdkException e) {
            throw new TableUnreachableException(e.getClass().getSimpleName(), e);
        }
    }
}
