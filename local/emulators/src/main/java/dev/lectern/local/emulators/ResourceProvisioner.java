package dev.lectern.local.emulators;

import dev.lectern.core.resources.BucketDefinition;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.QueueDefinition;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.resources.TableDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates Lectern's resources in the emulators from {@link LecternResources}, with the settings
 * the CDK stack gives them in AWS (keys, indexes, TTL, DLQs with redrive, FIFO). Idempotent: a
 * restart on a persisted data dir finds the table and buckets already there.
 */
public final class ResourceProvisioner {

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;
    private final String prefix;
    private final int visibilityTimeoutOverride;

    public ResourceProvisioner(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, String prefix, int visibilityTimeoutOverride) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.s3 = s3;
        this.prefix = prefix;
        this.visibilityTimeoutOverride = visibilityTimeoutOverride;
    }

    public LocalResources provision(URI dynamoUri, URI sqsUri, URI s3Uri) {
        String tableName = createTable(LecternResources.TABLE);
        Map<ResourceId, String> buckets = new EnumMap<>(ResourceId.class);
        for (BucketDefinition bucket : LecternResources.BUCKETS) {
            buckets.put(bucket.id(), createBucket(bucket));
        }
        Map<ResourceId, String> queues = new EnumMap<>(ResourceId.class);
        Map<ResourceId, String> deadLetterQueues = new EnumMap<>(ResourceId.class);
        for (QueueDefinition queue : LecternResources.QUEUES) {
            String dlqUrl = createQueue(queue.deadLetterPhysicalName(prefix), queue, null);
            deadLetterQueues.put(queue.id(), dlqUrl);
            queues.put(queue.id(), createQueue(queue.physicalName(prefix), queue, dlqUrl));
        }
        return new LocalResources(dynamoUri, sqsUri, s3Uri, tableName, Map.copyOf(buckets), Map.copyOf(queues),
                Map.copyOf(deadLetterQueues));
    }

    private String createTable(TableDefinition table) {
        String name = prefix + table.baseName();
        List<AttributeDefinition> attributes = new ArrayList<>();
        attributes.add(stringAttribute(table.partitionKey()));
        attributes.add(stringAttribute(table.sortKey()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableDefinition.Index index : table.indexes()) {
            attributes.add(stringAttribute(index.partitionKey()));
            attributes.add(stringAttribute(index.sortKey()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        try {
            dynamoDb.createTable(b -> b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key(table.partitionKey(), KeyType.HASH), key(table.sortKey(), KeyType.RANGE))
                    .globalSecondaryIndexes(indexes)
                    .streamSpecification(stream(table)));
            dynamoDb.updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(t -> t.attributeName(table.ttlAttribute()).enabled(true)));
        } catch (ResourceInUseException alreadyThere) {
            // persisted from an earlier run, perhaps from before the table had a stream
            if (dynamoDb.describeTable(b -> b.tableName(name)).table().streamSpecification() == null) {
                dynamoDb.updateTable(b -> b.tableName(name).streamSpecification(stream(table)));
            }
        }
        return name;
    }

    private String createBucket(BucketDefinition bucket) {
        String name = prefix + bucket.baseName();
        try {
            s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // persisted from an earlier run
        }
        return name;
    }

    private String createQueue(String name, QueueDefinition queue, String deadLetterUrl) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        int visibility = visibilityTimeoutOverride > 0 ? visibilityTimeoutOverride : queue.visibilityTimeoutSeconds();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibility));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(queue.retentionDays() * 86_400));
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        if (deadLetterUrl != null) {
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
        }
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static StreamSpecification stream(TableDefinition table) {
        return StreamSpecification.builder().streamEnabled(true)
                .streamViewType(StreamViewType.fromValue(table.stream().name())).build();
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
