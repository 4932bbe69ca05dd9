package dev.lectern.core.aws;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.TableKeys;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The local stand-in for IAM refuses exactly what a function's grants do not allow. */
class LocalGrantGuardTest {

    private static final LecternConfig CONFIG = LecternConfig.from(Map.of(
            LecternConfig.TABLE_NAME, "t", LecternConfig.MEDIA_BUCKET, "media", LecternConfig.ANALYTICS_BUCKET, "analytics",
            LecternConfig.BEHAVIOUR_QUEUE_URL, "http://q/behaviour", LecternConfig.PAYMENTS_QUEUE_URL, "http://q/payments",
            LecternConfig.SIGNING_KEYS_SECRET, "arn:signing", LecternConfig.VERIFICATION_KEYS_SECRET, "arn:verification")::get);

    /** A catalog-like function: writes courses, reads the published index, reads media, sends behaviour events. */
    private final LocalGrantGuard guard = new LocalGrantGuard("probe", List.of(
            Access.readWrite(TableKeys.of("COURSE#")), Access.read(TableKeys.of("PUBLISHED")),
            Access.read(ResourceId.MEDIA_BUCKET), Access.send(ResourceId.BEHAVIOUR_QUEUE), Access.read(ResourceId.VERIFICATION_KEYS)), CONFIG);

    private void call(SdkRequest request) {
        // what a real client of the request's service puts in its execution attributes
        String service = switch (request.getClass().getPackageName()) {
            case "software.amazon.awssdk.services.dynamodb.model" -> "DynamoDb";
            case "software.amazon.awssdk.services.s3.model" -> "S3";
            case "software.amazon.awssdk.services.sqs.model" -> "Sqs";
            case "software.amazon.awssdk.services.secretsmanager.model" -> "SecretsManager";
            default -> throw new IllegalArgumentException(request.getClass().getName());
        };
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, service);
        guard.beforeExecution(() -> request, attributes);
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS("META"));
    }

    @Test
    void queriesAreJudgedByThePartitionTheyName() {
        assertThatCode(() -> call(QueryRequest.builder().tableName("t").keyConditionExpression("#k = :v AND begins_with(SK, :s)")
                .expressionAttributeNames(Map.of("#k", "PK"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("COURSE#1"), ":s", AttributeValue.fromS("L"))).build()))
                .doesNotThrowAnyException();
        assertThatCode(() -> call(QueryRequest.builder().tableName("t").indexName("GSI1").keyConditionExpression("GSI1PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PUBLISHED"))).build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> call(QueryRequest.builder().tableName("t").keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("USER#1"))).build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("USER#1");
        // the GSI1 partition value must be the index's, not the table's
        assertThatThrownBy(() -> call(QueryRequest.builder().tableName("t").indexName("GSI1").keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("COURSE#1"))).build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("names no partition key value");
        assertThatThrownBy(() -> call(ScanRequest.builder().tableName("t").build())).isInstanceOf(LocalGrantGuard.NotGranted.class);
    }

    @Test
    void everyItemOfATransactionOrBatchMustBeGranted() {
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName("t").item(key("COURSE#1"))).build();
        TransactWriteItem checkPublished = TransactWriteItem.builder().conditionCheck(c -> c.tableName("t").key(key("PUBLISHED"))
                .conditionExpression("attribute_exists(PK)")).build();
        TransactWriteItem writePublished = TransactWriteItem.builder().update(u -> u.tableName("t").key(key("PUBLISHED"))
                .updateExpression("SET a = :a")).build();

        assertThatCode(() -> call(TransactWriteItemsRequest.builder().transactItems(put, checkPublished).build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> call(TransactWriteItemsRequest.builder().transactItems(put, writePublished).build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("PUBLISHED");
        assertThatThrownBy(() -> call(BatchWriteItemRequest.builder().requestItems(Map.of("t", List.of(
                WriteRequest.builder().putRequest(p -> p.item(key("COURSE#1"))).build(),
                WriteRequest.builder().deleteRequest(d -> d.key(key("REVIEWS#1"))).build()))).build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("REVIEWS#1");
    }

    @Test
    void aBucketGrantWithKeyPrefixesReachesOnlyTheObjectsUnderThem() {
        // a recommendation-like function: reads the event log's Parquet files, reads and writes the model's prefix
        LocalGrantGuard prefixed = new LocalGrantGuard("probe", List.of(Access.read(ResourceId.ANALYTICS_BUCKET, "events-parquet/"),
                Access.readWrite(ResourceId.ANALYTICS_BUCKET, "recommend/")), CONFIG);
        ExecutionAttributes s3 = new ExecutionAttributes();
        s3.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "S3");

        assertThatCode(() -> prefixed.beforeExecution(() -> GetObjectRequest.builder().bucket("analytics")
                .key("events-parquet/date=2026-11-27/events.parquet").build(), s3)).doesNotThrowAnyException();
        assertThatCode(() -> prefixed.beforeExecution(() -> PutObjectRequest.builder().bucket("analytics")
                .key("recommend/latest.json").build(), s3)).doesNotThrowAnyException();
        assertThatCode(() -> prefixed.beforeExecution(() -> ListObjectsV2Request.builder().bucket("analytics")
                .prefix("recommend/").delimiter("/").build(), s3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> prefixed.beforeExecution(() -> GetObjectRequest.builder().bucket("analytics")
                .key("events/date=2026-11-27/part.jsonl.gz").build(), s3))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("events/date=2026-11-27/part.jsonl.gz");
        assertThatThrownBy(() -> prefixed.beforeExecution(() -> PutObjectRequest.builder().bucket("analytics")
                .key("events-parquet/date=2026-11-27/events.parquet").build(), s3))
                .as("read-only under that prefix").isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatThrownBy(() -> prefixed.beforeExecution(() -> ListObjectsV2Request.builder().bucket("analytics").build(), s3))
                .as("listing the whole bucket").isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatThrownBy(() -> prefixed.beforeExecution(() -> DeleteObjectsRequest.builder().bucket("analytics")
                .delete(d -> d.objects(ObjectIdentifier.builder().key("recommend/v1/model.bin").build(),
                        ObjectIdentifier.builder().key("events/x").build())).build(), s3))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("events/x");
        assertThatThrownBy(() -> Access.read(ResourceId.BEHAVIOUR_QUEUE, "x/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsQueuesAndSecretsFollowTheirGrants() {
        assertThatCode(() -> call(GetObjectRequest.builder().bucket("media").key("k").build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> call(PutObjectRequest.builder().bucket("media").key("k").build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("may not write");
        assertThatThrownBy(() -> call(GetObjectRequest.builder().bucket("analytics").key("k").build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatCode(() -> call(SendMessageRequest.builder().queueUrl("http://q/behaviour").messageBody("{}").build()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> call(SendMessageRequest.builder().queueUrl("http://q/payments").messageBody("{}").build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatThrownBy(() -> call(ReceiveMessageRequest.builder().queueUrl("http://q/behaviour").build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatCode(() -> call(GetSecretValueRequest.builder().secretId("arn:verification").build())).doesNotThrowAnyException();
        assertThatThrownBy(() -> call(GetSecretValueRequest.builder().secretId("arn:signing").build()))
                .isInstanceOf(LocalGrantGuard.NotGranted.class);
    }

    @Test
    void aPresignedUrlNeedsTheActionItGrants() {
        S3Presigner presigner = new GuardedS3Presigner(S3Presigner.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS)).build(), guard);

        assertThatCode(() -> presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(g -> g.bucket("media").key("k")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(1))
                .putObjectRequest(p -> p.bucket("media").key("k")))).isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatThrownBy(() -> presigner.presignHeadObject(b -> b.signatureDuration(Duration.ofMinutes(1))
                .headObjectRequest(h -> h.bucket("analytics").key("k")))).isInstanceOf(LocalGrantGuard.NotGranted.class);
    }

    @Test
    void realClientsAreJudgedByTheServiceTheyName() {
        var overrides = ClientOverrideConfiguration.builder().addExecutionInterceptor(guard).build();
        var credentials = StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS);
        URI nowhere = URI.create("http://127.0.0.1:9");
        try (SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                     .endpointOverride(nowhere).overrideConfiguration(overrides).build();
             S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials).forcePathStyle(true)
                     .endpointOverride(nowhere).overrideConfiguration(overrides).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                     .endpointOverride(nowhere).overrideConfiguration(overrides).build()) {
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl("http://q/payments").messageBody("{}")))
                    .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("may not send");
            // a granted call passes the guard and fails only for want of a server
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl("http://q/behaviour").messageBody("{}")))
                    .isNotInstanceOf(LocalGrantGuard.NotGranted.class);
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("media").key("k"), RequestBody.fromString("x")))
                    .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("may not write");
            assertThatThrownBy(() -> secrets.getSecretValue(b -> b.secretId("arn:signing")))
                    .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("not granted this secret");
        }
    }
}
