package dev.lectern.learning;

import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.ids.Hashes;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed one-minute windows of requests per sender, counted the way the sign-in throttle counts
 * attempts: one conditional UpdateItem ({@code ADD} if under the limit), so parallel requests
 * cannot all pass a read-then-write check. The window is part of the key, so a new minute is a
 * new item and nothing has to be reset; the TTL removes old windows. Hashed: no device id or
 * address is stored.
 *
 * <pre>
 * PK                                        SK                      attributes
 * EVENTLIMIT#device#sha256(deviceId)        <window start, epoch s>  requests, expiresAt (the window's end + 1 min)
 * EVENTLIMIT#network#sha256(IPv4 or /64)    <window start, epoch s>  requests, expiresAt
 * </pre>
 */
@Singleton
public class EventRateLimiter {

    public static final String PARTITION_PREFIX = "EVENTLIMIT#";
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public EventRateLimiter(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** Counts one request of {@code kind}/{@code sender}; empty when counted, else when its window ends (it was not counted). */
    Optional<Instant> count(String kind, String sender, int limit, Instant now) {
        long window = now.getEpochSecond() - now.getEpochSecond() % WINDOW.toSeconds();
        long end = window + WINDOW.toSeconds();
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Items.key(PARTITION_PREFIX + kind + "#" + Hashes.sha256Hex(sender), Long.toString(window)))
                    .updateExpression("ADD requests :one SET expiresAt = :expires, #type = :type")
                    .conditionExpression("attribute_not_exists(requests) OR requests < :limit")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit), ":expires", n(end + 60),
                            ":type", s("eventRateWindow"))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(Instant.ofEpochSecond(end));
        }
    }
}
