package dev.lectern.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.TableDefinition;
import dev.lectern.core.resources.ResourceId;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The emulators start on loopback and hold the resources the CDK stack defines. */
class EmulatorsIntegrationTest {

    @Test
    void provisionsTableWithIndexesAndTtlQueuesWithRedriveAndBuckets() {
        try (Emulators emulators = Emulators.start(Emulators.Options.forTests())) {
            LocalResources resources = emulators.resources();

            var table = emulators.dynamoDb().describeTable(b -> b.tableName(resources.tableName())).table();
            assertThat(table.keySchema()).extracting(k -> k.attributeName()).containsExactly("PK", "SK");
            assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactlyInAnyOrderElementsOf(LecternResources.TABLE.indexes().stream().map(TableDefinition.Index::name).toList());
            var ttl = emulators.dynamoDb().describeTimeToLive(b -> b.tableName(resources.tableName())).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo(LecternResources.TABLE.ttlAttribute());

            String payments = resources.queueUrls().get(ResourceId.PAYMENTS_QUEUE);
            assertThat(payments).startsWith("http://127.0.0.1:").endsWith(".fifo");
            var attributes = emulators.sqs().getQueueAttributes(b -> b.queueUrl(payments)
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(attributes.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("payments-dlq.fifo").contains("\"maxReceiveCount\":5");

            assertThat(emulators.s3().listBuckets().buckets()).extracting(b -> b.name())
                    .containsExactlyInAnyOrder("lectern-test-media", "lectern-test-analytics");
        }
    }

    @Test
    void dataDirKeepsTableItemsAndObjectsAcrossRestarts(@TempDir Path dataDir) {
        var options = new Emulators.Options(false, dataDir, "lectern-test-", 0, 0, 0, 0);
        try (Emulators first = Emulators.start(options)) {
            first.dynamoDb().putItem(b -> b.tableName(first.resources().tableName())
                    .item(Map.of("PK", AttributeValue.fromS("K"), "SK", AttributeValue.fromS("S"), "v", AttributeValue.fromS("kept"))));
            first.s3().putObject(b -> b.bucket("lectern-test-media").key("a/b.txt"), RequestBody.fromString("hello"));
        }
        try (Emulators second = Emulators.start(options)) {
            var item = second.dynamoDb().getItem(b -> b.tableName(second.resources().tableName())
                    .key(Map.of("PK", AttributeValue.fromS("K"), "SK", AttributeValue.fromS("S")))).item();
            assertThat(item.get("v").s()).isEqualTo("kept");
            assertThat(second.s3().getObjectAsBytes(b -> b.bucket("lectern-test-media").key("a/b.txt")).asUtf8String())
                    .isEqualTo("hello");
        }
    }
}
