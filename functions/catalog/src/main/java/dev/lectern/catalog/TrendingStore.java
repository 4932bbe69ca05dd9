package dev.lectern.catalog;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the hourly trending counters (core's {@link Trending} layout) that the analytics context writes. */
@Singleton
public class TrendingStore {

    /** One course's weighted activity in one hour. */
    public record HourScore(String courseId, long score) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public TrendingStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** Every course's score in one hour: one Query of that hour's partition (paginated for a busy hour). */
    public List<HourScore> hour(Instant hour) {
        return dynamoDb.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Trending.partition(hour)))))
                .items().stream()
                .map(item -> new HourScore(item.get("SK").s().substring(Trending.SORT_PREFIX.length()),
                        Trending.score(count(item, "views"), count(item, "enrollments"), count(item, "purchases"),
                                count(item, "completions"))))
                .toList();
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
