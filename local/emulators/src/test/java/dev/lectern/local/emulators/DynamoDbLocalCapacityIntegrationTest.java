package dev.lectern.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How DynamoDB Local reports the capacity of writes, which is what the figures of
 * docs/performance.md ("DynamoDB requests per route") are made of. A plain write costs what
 * DynamoDB bills (1 unit per KB, plus 1 per index entry written, 2 when the entry moves). A
 * transaction does not: each item's write costs 4 units per KB and 4 per index write, and items
 * whose charges are identical are counted once, so a transaction of several small items without
 * index entries reports 4 units however many items it writes, where DynamoDB bills 2 per item. If
 * a new DynamoDB Local counts otherwise, this test fails, and the route figures need a new reading.
 */
class DynamoDbLocalCapacityIntegrationTest {

    private static DynamoDbClient dynamoDb;
    private static String table;

    @BeforeAll
    static void emulators() {
        Emulators emulators = SharedEmulators.get();
        dynamoDb = emulators.dynamoDb();
        table = emulators.resources().tableName();
    }

    private static Map<String, AttributeValue> item(String pk, String... attributes) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS("X")));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put(attributes[i], AttributeValue.fromS(attributes[i + 1]));
        }
        return item;
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private static double transaction(TransactWriteItem... items) {
        return dynamoDb.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(items))
                .consumedCapacity().stream().mapToDouble(ConsumedCapacity::capacityUnits).sum();
    }

    private static double plainPut(Map<String, AttributeValue> item) {
        return dynamoDb.putItem(b -> b.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits();
    }

    @Test
    void plainWritesCostOneUnitPerKilobyteAndOnePerIndexEntry() {
        assertThat(plainPut(item("CAPACITY#plain"))).isEqualTo(1.0);
        assertThat(plainPut(item("CAPACITY#plain-indexed", "GSI1PK", "A", "GSI1SK", "1", "GSI2PK", "B", "GSI2SK", "1"))).isEqualTo(3.0);
        assertThat(plainPut(item("CAPACITY#plain-large", "body", "x".repeat(1_500)))).isEqualTo(2.0);
    }

    @Test
    void aTransactionCountsFourUnitsPerItemWriteAndIdenticalChargesOnce() {
        assertThat(transaction(put(item("CAPACITY#one")))).as("one small item").isEqualTo(4.0);
        assertThat(transaction(put(item("CAPACITY#two-a")), put(item("CAPACITY#two-b")))).as("two small items").isEqualTo(4.0);
        assertThat(transaction(put(item("CAPACITY#four-a")), put(item("CAPACITY#four-b")), put(item("CAPACITY#four-c")),
                put(item("CAPACITY#four-d")))).as("four small items").isEqualTo(4.0);
        assertThat(transaction(put(item("CAPACITY#mixed-a")), put(item("CAPACITY#mixed-b", "body", "x".repeat(1_500)))))
                .as("a small and a 2 KB item: two different charges").isEqualTo(4.0 + 8.0);
        assertThat(transaction(put(item("CAPACITY#indexed-a")), put(item("CAPACITY#indexed-b", "GSI3PK", "A", "GSI3SK", "1"))))
                .as("a small item and one with an index entry: 4, and 4 + 4").isEqualTo(4.0 + 8.0);
        assertThat(transaction(put(item("CAPACITY#indexed-c", "GSI1PK", "A", "GSI1SK", "1", "GSI2PK", "B", "GSI2SK", "1"))))
                .as("one item with two index entries").isEqualTo(12.0);
    }
}
