package dev.lectern.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.TableDefinition;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.aws.AwsClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
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

    /**
     * A page on the local platform's origin uploads lesson media straight to a presigned URL: the
     * browser's preflight for that PUT, with the header the upload signs, is allowed from loopback
     * sites only, and the upload's answer lets the page read its ETag.
     */
    @Test
    void mediaBucketAnswersTheBrowsersPreflightForAPresignedUploadFromLoopbackSites() throws Exception {
        try (Emulators emulators = Emulators.start(Emulators.Options.forTests());
             S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS))
                     .endpointOverride(emulators.resources().s3Endpoint())
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            byte[] video = "a few bytes of video".getBytes(StandardCharsets.UTF_8);
            var presigned = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5)).putObjectRequest(p -> p
                    .bucket("lectern-test-media").key("courses/c/lessons/l/media").contentType("video/mp4").contentLength((long) video.length)));
            String site = "http://127.0.0.1:9280";
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(presigned.url().toURI())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", site).header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(site);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("content-type");

            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(presigned.url().toURI())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(presigned.url().toURI())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(video))
                    .header("Origin", site).header("Content-Type", "video/mp4").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            assertThat(upload.headers().firstValue("Access-Control-Allow-Origin")).hasValue(site);
            assertThat(upload.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).containsIgnoringCase("ETag");
            assertThat(upload.headers().firstValue("ETag")).isPresent();
        }
    }
}
