package dev.lectern.core.aws;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Clients against the emulators for tools and tests outside a function (the local platform,
 * benchmarks). Never used by a function, so never loaded from a context's jar.
 */
public final class LocalClients {

    private LocalClients() {
    }

    /** @param interceptors what a test watches the client's requests with, if anything */
    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS)).endpointOverride(endpoint)
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))).build();
    }

    /** DynamoDB Local's stream API answers on the table's own endpoint. */
    public static DynamoDbStreamsClient dynamoDbStreams(URI endpoint) {
        return DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS)).endpointOverride(endpoint).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS)).endpointOverride(endpoint).build();
    }

    public static S3Client s3(URI endpoint) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.LOCAL_CREDENTIALS)).endpointOverride(endpoint)
                .forcePathStyle(true).build();
    }
}
