package dev.lectern.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code Idempotency-Key} on the POSTs that create something: a client that retries a create
 * (a timeout, a dropped connection) with the same key gets the first result again, not a second
 * thing. The first request with a key records it (a conditional PutItem), runs, and stores its
 * 2xx response for 24 hours; a retry with the same key and the same request replays it with
 * {@code Idempotent-Replayed: true}; the same key with another body is 422; a retry while the
 * first still runs is 409. A request that fails (4xx or 5xx) releases its key, so a corrected
 * request may use it. Keys are scoped to the caller (or, on public routes, to nobody: a replay
 * needs the identical body, so it reveals nothing the caller did not send).
 *
 * <pre>
 * PK                                      SK    attributes
 * IDEMPOTENCY#scope#route#sha256(key)     KEY   state (running|done), requestHash, status, body, headers, expiresAt
 * </pre>
 */
@Singleton
public class IdempotencyKeys {

    public static final String HEADER = "idempotency-key";
    public static final String PARTITION_PREFIX = "IDEMPOTENCY#";
    /** What every function with an idempotent route may read and write. */
    public static final TableKeys KEYS = TableKeys.of(PARTITION_PREFIX);
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** A replayed response must fit in one item (400 KB) with room to spare. */
    private static final int MAX_STORED_BODY = 300 * 1024;
    private static final List<String> REPLAYED_HEADERS = List.of("Content-Type", "Location", "ETag");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public IdempotencyKeys(DynamoDbClient dynamoDb, LecternConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
        this.clock = clock;
    }

    /** Runs {@code work} once per key: the first time for real, later by replaying its stored response. */
    public APIGatewayV2HTTPResponse run(Route route, ApiRequest request, Supplier<APIGatewayV2HTTPResponse> work) {
        String key = request.header(HEADER).orElse(null);
        if (key == null) {
            return work.get();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.validation(List.of(new FieldError("Idempotency-Key",
                    "must be 1 to 255 visible ASCII characters, e.g. a UUID")));
        }
        String scope = request.caller().map(c -> c.userId()).orElse("public");
        Map<String, AttributeValue> itemKey = Items.key(PARTITION_PREFIX + scope + "#" + route.id() + "#" + sha256(key), "KEY");
        String requestHash = sha256(request.method() + " " + request.path() + "\n" + new String(request.body(), StandardCharsets.UTF_8));
        long expiresAt = clock.instant().plus(RETENTION).getEpochSecond();
        Map<String, AttributeValue> running = new HashMap<>(itemKey);
        running.putAll(Map.of("type", Items.s("idempotencyKey"), "state", Items.s("running"),
                "requestHash", Items.s(requestHash), "expiresAt", Items.n(expiresAt)));
        try {
            // an expired record (TTL deletes late) counts as absent
            dynamoDb.putItem(b -> b.tableName(table).item(running)
                    .conditionExpression("attribute_not_exists(PK) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", Items.n(clock.instant().getEpochSecond()))));
        } catch (ConditionalCheckFailedException taken) {
            return replay(itemKey, requestHash);
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = work.get();
        } catch (RuntimeException e) {
            release(itemKey);
            throw e;
        }
        if (response.getStatusCode() / 100 != 2 || response.getBody() != null && response.getBody().length() > MAX_STORED_BODY) {
            release(itemKey);
            return response;
        }
        store(itemKey, response);
        return response;
    }

    private APIGatewayV2HTTPResponse replay(Map<String, AttributeValue> itemKey, String requestHash) {
        Map<String, AttributeValue> stored = dynamoDb.getItem(b -> b.tableName(table).key(itemKey).consistentRead(true)).item();
        if (stored == null || stored.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "A request with this Idempotency-Key just finished or failed; retry");
        }
        if (!requestHash.equals(stored.get("requestHash").s())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "This Idempotency-Key was used with another request; use a new key for a new request");
        }
        if (!"done".equals(stored.get("state").s())) {
            throw new ProblemException(ProblemType.CONFLICT.problem("A request with this Idempotency-Key is still running; retry shortly"),
                    Map.of("Retry-After", "1"));
        }
        Map<String, String> headers = new HashMap<>();
        stored.get("headers").m().forEach((name, value) -> headers.put(name, value.s()));
        headers.put("Idempotent-Replayed", "true");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(Integer.parseInt(stored.get("status").n()))
                .withHeaders(headers)
                .withBody(stored.containsKey("body") ? stored.get("body").s() : null)
                .withIsBase64Encoded(false)
                .build();
    }

    private void store(Map<String, AttributeValue> itemKey, APIGatewayV2HTTPResponse response) {
        Map<String, AttributeValue> headers = new HashMap<>();
        REPLAYED_HEADERS.forEach(name -> {
            if (response.getHeaders() != null && response.getHeaders().get(name) != null) {
                headers.put(name, Items.s(response.getHeaders().get(name)));
            }
        });
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":done", Items.s("done"),
                ":status", Items.n(response.getStatusCode()), ":headers", AttributeValue.fromM(headers)));
        String set = "SET #state = :done, #status = :status, headers = :headers";
        if (response.getBody() != null) {
            values.put(":body", Items.s(response.getBody()));
            set += ", body = :body";
        }
        String update = set;
        dynamoDb.updateItem(b -> b.tableName(table).key(itemKey).updateExpression(update)
                .expressionAttributeNames(Map.of("#state", "state", "#status", "status"))
                .expressionAttributeValues(values));
    }

    private void release(Map<String, AttributeValue> itemKey) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(itemKey));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
