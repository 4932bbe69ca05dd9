package dev.lectern.identity;

import static dev.lectern.core.dynamo.Items.key;
import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The identity context's items in the single table (docs/architecture.md, "Data"):
 * <pre>
 * USER#id        PROFILE   the account
 * EMAIL#email    EMAIL     uniqueness of the normalised email; points at the user
 * LOGINFAIL#sha256(email) WINDOW  recent failed logins (TTL); hashed: attempts on unknown emails store no email
 * REFRESH#sha256 REFRESH   a refresh token, by its hash (TTL); usedAt once rotated
 * FAMILY#id      FAMILY    a session: every refresh token descending from one login (TTL); GSI1 = USER#id
 * </pre>
 */
@Singleton
public class IdentityStore {

    public record RefreshRecord(String userId, String familyId, Instant expiresAt, Instant usedAt) {
    }

    public record FamilyRecord(String familyId, String userId, Instant createdAt, boolean revoked) {
    }

    public static final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("email already registered", null, false, false);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public IdentityStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    // --- accounts -------------------------------------------------------------------------

    /** Writes the account and its email claim in one transaction; exactly one of concurrent registrations wins. */
    public void createUser(User user, String normalizedEmail) {
        Map<String, AttributeValue> emailItem = Map.of(
                "PK", s("EMAIL#" + normalizedEmail), "SK", s("EMAIL"), "type", s("email"), "userId", s(user.id()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(emailItem)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(userItem(user))
                            .conditionExpression("attribute_not_exists(PK)")).build()));
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    public Optional<String> userIdByEmail(String normalizedEmail) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("EMAIL#" + normalizedEmail, "EMAIL"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("userId").s());
    }

    /** One GetItem (what GET /me costs). */
    public Optional<User> user(String id) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("USER#" + id, "PROFILE"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toUser(item));
    }

    /** Sets the given fields (null = unchanged) if the account exists; returns it as now stored. */
    public Optional<User> updateProfile(String id, String displayName, String bio, Instant now) {
        StringBuilder set = new StringBuilder("SET updatedAt = :now, version = version + :one");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", s(now.toString()), ":one", n(1)));
        if (displayName != null) {
            set.append(", displayName = :displayName");
            values.put(":displayName", s(displayName));
        }
        if (bio != null) {
            set.append(", bio = :bio");
            values.put(":bio", s(bio));
        }
        return update(id, set.toString(), values);
    }

    public Optional<User> addRole(String id, String role, Instant now) {
        return update(id, "ADD #roles :role SET updatedAt = :now, version = version + :one",
                Map.of(":role", AttributeValue.fromSs(List.of(role)), ":now", s(now.toString()), ":one", n(1)));
    }

    public Optional<User> setRoles(String id, Set<String> roles, Instant now) {
        return update(id, "SET #roles = :roles, updatedAt = :now, version = version + :one",
                Map.of(":roles", AttributeValue.fromSs(List.copyOf(roles)), ":now", s(now.toString()), ":one", n(1)));
    }

    public void updatePasswordHash(String id, String hash) {
        update(id, "SET passwordHash = :hash", Map.of(":hash", s(hash)));
    }

    private Optional<User> update(String id, String expression, Map<String, AttributeValue> values) {
        Map<String, String> names = expression.contains("#roles") ? Map.of("#roles", "roles") : null;
        try {
            var item = dynamoDb.updateItem(b -> b.tableName(table).key(key("USER#" + id, "PROFILE"))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(toUser(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Erasure: the account and its email claim go together. */
    public void deleteUser(User user, String normalizedEmail) {
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("USER#" + user.id(), "PROFILE"))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("EMAIL#" + normalizedEmail, "EMAIL"))).build()));
    }

    // --- failed logins --------------------------------------------------------------------

    public List<Instant> loginFailures(String normalizedEmail) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(failureKey(normalizedEmail))).item();
        if (item == null || !item.containsKey("failures")) {
            return List.of();
        }
        return item.get("failures").l().stream().map(v -> Instant.ofEpochSecond(Long.parseLong(v.n()))).toList();
    }

    public void recordLoginFailure(String normalizedEmail, Instant now, Instant expiresAt) {
        dynamoDb.updateItem(b -> b.tableName(table).key(failureKey(normalizedEmail))
                .updateExpression("SET failures = list_append(if_not_exists(failures, :empty), :now), expiresAt = :expires, #type = :type")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                        ":now", AttributeValue.fromL(List.of(n(now.getEpochSecond()))),
                        ":expires", n(expiresAt.getEpochSecond()), ":type", s("loginFailures"))));
    }

    public void clearLoginFailures(String normalizedEmail) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(failureKey(normalizedEmail)));
    }

    // --- sessions ---------------------------------------------------------------------------

    /** A new session and its first refresh token, together. */
    public void startFamily(String familyId, String userId, String refreshHash, Instant now, Instant expiresAt) {
        Map<String, AttributeValue> family = new HashMap<>(key("FAMILY#" + familyId, "FAMILY"));
        family.putAll(Map.of("type", s("session"), "userId", s(userId), "createdAt", s(now.toString()),
                "revoked", AttributeValue.fromBool(false), "expiresAt", n(expiresAt.getEpochSecond()),
                "GSI1PK", s("USER#" + userId), "GSI1SK", s("FAMILY#" + familyId)));
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(family)).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(refreshItem(refreshHash, userId, familyId, expiresAt))
                        .conditionExpression("attribute_not_exists(PK)")).build()));
    }

    public Optional<RefreshRecord> refreshToken(String hash) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("REFRESH#" + hash, "REFRESH")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RefreshRecord(item.get("userId").s(), item.get("familyId").s(),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())),
                item.containsKey("usedAt") ? Instant.parse(item.get("usedAt").s()) : null));
    }

    public Optional<FamilyRecord> family(String familyId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("FAMILY#" + familyId, "FAMILY")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toFamily(item));
    }

    /**
     * Marks the old token used and stores its successor, if the old one was unused and its
     * family is not revoked; false when another request used it first (a reuse).
     */
    public boolean rotate(String oldHash, String newHash, RefreshRecord old, Instant now, Instant expiresAt) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("REFRESH#" + oldHash, "REFRESH"))
                            .updateExpression("SET usedAt = :now")
                            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(usedAt)")
                            .expressionAttributeValues(Map.of(":now", s(now.toString())))).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("FAMILY#" + old.familyId(), "FAMILY"))
                            .conditionExpression("revoked = :false")
                            .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false)))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(refreshItem(newHash, old.userId(), old.familyId(), expiresAt))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Items.anyConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    public void revokeFamily(String familyId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key("FAMILY#" + familyId, "FAMILY"))
                    .updateExpression("SET revoked = :true")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException e) {
            // already gone with its TTL: nothing left to revoke
        }
    }

    /** Every session of a user (GSI1), across pages. */
    public List<FamilyRecord> families(String userId) {
        List<FamilyRecord> families = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI1")
                        .keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :family)")
                        .expressionAttributeValues(Map.of(":pk", s("USER#" + userId), ":family", s("FAMILY#"))))
                .items().forEach(item -> families.add(toFamily(item)));
        return families;
    }

    // --- mapping ----------------------------------------------------------------------------

    private Map<String, AttributeValue> refreshItem(String hash, String userId, String familyId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key("REFRESH#" + hash, "REFRESH"));
        item.putAll(Map.of("type", s("refreshToken"), "userId", s(userId), "familyId", s(familyId),
                "expiresAt", n(expiresAt.getEpochSecond())));
        return item;
    }

    private static Map<String, AttributeValue> userItem(User user) {
        Map<String, AttributeValue> item = new HashMap<>(key("USER#" + user.id(), "PROFILE"));
        item.put("type", s("user"));
        item.put("id", s(user.id()));
        item.put("email", s(user.email()));
        item.put("displayName", s(user.displayName()));
        item.put("bio", s(user.bio() == null ? "" : user.bio()));
        item.put("roles", AttributeValue.fromSs(List.copyOf(user.roles())));
        item.put("passwordHash", s(user.passwordHash()));
        item.put("createdAt", s(user.createdAt().toString()));
        item.put("updatedAt", s(user.updatedAt().toString()));
        item.put("version", n(user.version()));
        return item;
    }

    private static User toUser(Map<String, AttributeValue> item) {
        return new User(item.get("id").s(), item.get("email").s(), item.get("displayName").s(),
                item.containsKey("bio") ? item.get("bio").s() : "",
                item.containsKey("roles") ? new HashSet<>(item.get("roles").ss()) : Set.of(),
                item.get("passwordHash").s(), Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("version").n()));
    }

    private static FamilyRecord toFamily(Map<String, AttributeValue> item) {
        return new FamilyRecord(item.get("PK").s().substring("FAMILY#".length()), item.get("userId").s(),
                Instant.parse(item.get("createdAt").s()), item.get("revoked").bool());
    }

    private static Map<String, AttributeValue> failureKey(String normalizedEmail) {
        return key("LOGINFAIL#" + IdentityService.sha256(normalizedEmail), "WINDOW");
    }
}
