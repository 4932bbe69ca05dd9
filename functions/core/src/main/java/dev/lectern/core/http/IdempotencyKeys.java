package dev.lectern.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.ids.Hashes;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on the POSTs that create something: a client that retries a create
 * (a timeout, a dropped connection) with the same key gets the first result again, not a second
 * thing. The first request with a key records it (a conditional PutItem), runs, and stores its
 * 2xx response for 24 hours; a retry with the same key and the same request replays it with
 * {@code Idempotent-Replayed: true}; the same key with another body is 422; a retry while the
 * first still runs is 409. A request that fails (4xx or 5xx) releases its key, so a corrected
 * request may use it; one that never finished (a timeout, a crash) holds it only for its lease,
 * the function's timeout and a margin. Keys are scoped to the caller and the route.
 *
 * <p>The records hold a hash of the request and the response for 24 hours, so no route whose
 * body carries a credential is idempotent this way (registration needs no key: a retried one is
 * 409 for its email, and the client signs in). Each context's records live under its own prefix,
 * {@code IDEMPOTENCY#<module>#}, so one context's functions cannot read another's.
 *
 * <pre>
 * PK                                              SK    attributes
 * IDEMPOTENCY#module#caller#route#sha256(key)     KEY   state (running|done), lockedUntil, requestHash, status, body, headers, expiresAt
 * </pre>
 */
@Singleton
public class IdempotencyKeys {

    public static final String HEADER = "idempotency-key";
    public static final String PARTITION_PREFIX = "IDEMPOTENCY#";
    /** A lease past the function's timeout: a request that died without releasing its key does not hold it longer. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** A replayed response must fit in one item (400 KB) with room to spare. */
    private static final int MAX_STORED_BODY = 300 * 1024;
    private static final List<String> REPLAYED_HEADERS = List.of("Content-Type", "Location", "ETag");

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

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
        Map<String, AttributeValue> itemKey = Items.key(prefix(route) + scope + "#" + route.id() + "#" + Hashes.sha256Hex(key), "KEY");
        String requestHash = Hashes.sha256Hex(request.method() + " " + request.path() + "\n"
                + new String(request.body(), StandardCharsets.UTF_8));
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> running = new HashMap<>(itemKey);
        running.putAll(Map.of("type", Items.s("idempotencyKey"), "state", Items.s("running"),
                "lockedUntil", Items.n(now + route.timeoutSeconds() + LEASE_MARGIN.toSeconds()),
                "requestHash", Items.s(requestHash), "expiresAt", Items.n(now + RETENTION.toSeconds())));
        try {
            // absent, expired (TTL deletes late), or left running by a request that died past its lease
            dynamoDb.putItem(b -> b.tableName(table).item(running)
                    .conditionExpression("attribute_not_exists(PK) OR expiresAt < :now OR (#state = :running AND lockedUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":now", Items.n(now), ":running", Items.s("running"))));
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
        try {
            store(itemKey, response);
        } catch (RuntimeException e) {
            // the create happened: answer it; a retry meets the running record until its lease ends
            LOG.warn("could not store the response of an idempotent {}: {}", route.id(), e.toString());
        }
        return response;
    }

    /** The key prefix of a context's records; its functions are granted exactly this. */
    public static String prefix(Route route) {
        return PARTITION_PREFIX + route.module() + "#";
    }

    /** The table keys an idempotent route's function needs. */
    public static TableKeys keys(Route route) {
        return TableKeys.of(prefix(route));
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
}
