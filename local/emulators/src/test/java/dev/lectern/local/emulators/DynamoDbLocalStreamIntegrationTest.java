package dev.lectern.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.aws.LocalClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local keeps a stream of the table with both images, as the outbox relay needs it: a
 * put and an update each leave one record, in order, with the item before and after.
 */
class DynamoDbLocalStreamIntegrationTest {

    @Test
    void theTableStreamCarriesOldAndNewImagesOfEachChange() {
        Emulators emulators = SharedEmulators.get();
        String table = emulators.resources().tableName();
        var description = emulators.dynamoDb().describeTable(b -> b.tableName(table)).table();
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        String streamArn = description.latestStreamArn();

        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("STREAMTEST#1"), "SK", AttributeValue.fromS("X"));
        emulators.dynamoDb().putItem(b -> b.tableName(table).item(Map.of("PK", key.get("PK"), "SK", key.get("SK"),
                "n", AttributeValue.fromS("one"))));
        emulators.dynamoDb().updateItem(b -> b.tableName(table).key(key).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("two"))));

        try (DynamoDbStreamsClient streams = LocalClients.dynamoDbStreams(emulators.resources().dynamodbEndpoint())) {
            List<Record> records = new ArrayList<>();
            for (var shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                records.addAll(streams.getRecords(b -> b.shardIterator(iterator)).records());
            }
            List<Record> ours = records.stream().filter(r -> r.dynamodb().keys().equals(key)).toList();
            assertThat(ours).hasSize(2);
            assertThat(ours.get(0).dynamodb().hasOldImage()).isFalse();
            assertThat(ours.get(0).dynamodb().newImage().get("n").s()).isEqualTo("one");
            assertThat(ours.get(1).dynamodb().oldImage().get("n").s()).isEqualTo("one");
            assertThat(ours.get(1).dynamodb().newImage().get("n").s()).isEqualTo("two");
        }
    }
}
