package dev.lectern.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The baseline for the cold-start budget: the same DynamoDB GetItem and JSON answer as
 * {@code GET /health}, with the same SDK client settings, in plain Java with no framework.
 */
public final class PlainHealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbClient dynamoDb;
    private final String table;

    public PlainHealthHandler() {
        this.table = System.getProperty("LECTERN_TABLE_NAME");
        this.dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lecternlocal", "lecternlocalsecret")))
                .endpointOverride(URI.create(System.getProperty("LECTERN_DYNAMODB_ENDPOINT")))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        dynamoDb.getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("HEALTH"))));
        try {
            String body = JSON.writeValueAsString(Map.of("status", "ok", "version", "bench", "table", "reachable"));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(body).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
