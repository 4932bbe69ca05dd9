package dev.lectern.identity;

import static dev.lectern.core.dynamo.Items.key;
import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.auth.AccountStatus;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.dynamo.PersonalData;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The identity context's items in the single table (docs/architecture.md, "Data"):
 * <pre>
 * USER#id        PROFILE   the account
 * EMAIL#email    EMAIL     uniqueness of the normalised email; points at the user
 * LOGINFAIL#sha256(email) WINDOW  the sign-in window: attempts counted before the password check, per email and per
 *                                client network (attribute {@code client_<sha256(network)>}); TTL = the window's end.
 *                                Hashed: attempts on unknown emails store no email, and no raw IP is stored
 * REFRESH#sha256 REFRESH   a refresh token, by its hash (TTL); usedAt once rotated
 * FAMILY#id      FAMILY    a session: every refresh token descending from one login (TTL); GSI1 = USER#id
 * </pre>
 */
@Singleton
public class IdentityStore {

    /** An erasure's event until it is sent: under the account's status partition, listed in GSI1. */
    static final String OUTBOX_SK = "OUTBOX";
    static final String OUTBOX_PARTITION = AccountStatus.PARTITION_PREFIX + "OUTBOX";

    public record RefreshRecord(String userId, String familyId, Instant expiresAt, Instant usedAt) {
    }

    public record FamilyRecord(String familyId, String userId, Instant createdAt, boolean revoked) {
    }

    public static final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("email already registered", null, false, false);
        }
    }

    /** An administrator removed the creator role; the account may not take it back itself. */
    public static final class CreatorSuspendedException extends RuntimeException {
        CreatorSuspendedException() {
            super("creator role suspended by an administrator", null, false, false);
        }
    }

    /**
     * One sign-in attempt against the window of its email.
     *
     * @param counted       true: the attempt is in the window and the password may be checked; false: a limit is
     *                      reached and nothing was counted
     * @param windowEndsAt  when the window ends (its TTL); identifies the window for {@link #refundLoginAttempt}
     */
    public record LoginAttempt(boolean counted, Instant windowEndsAt) {
    }

    /** What the sign-in window of an email holds (export). */
    public record LoginWindow(Instant endsAt, long attempts, int clients) {
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

    /**
     * A strongly consistent read: for a decision that a write conditional on {@code version} then
     * applies, and for the roles and version a new token carries.
     */
    public Optional<User> userForUpdate(String id) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key("USER#" + id, "PROFILE")).consistentRead(true)).item();
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

    /**
     * Self-service: adds the creator role in one conditional write, so that an administrator's
     * suspension cannot be raced. Empty when the account is gone.
     *
     * @throws CreatorSuspendedException when an administrator removed the role
     */
    public Optional<User> addCreatorRole(String id, Instant now) {
        try {
            var item = dynamoDb.updateItem(b -> b.tableName(table).key(key("USER#" + id, "PROFILE"))
                    .updateExpression("ADD #roles :role SET updatedAt = :now, version = version + :one")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(creatorSuspended) OR creatorSuspended = :false)")
                    .expressionAttributeNames(Map.of("#roles", "roles"))
                    .expressionAttributeValues(Map.of(":role", AttributeValue.fromSs(List.of(Caller.CREATOR)), ":now", s(now.toString()),
                            ":one", n(1), ":false", AttributeValue.fromBool(false)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return Optional.of(toUser(item));
        } catch (ConditionalCheckFailedException e) {
            // the old item tells the two failed conditions apart: it exists (suspended) or it does not (gone)
            if (e.hasItem() && !e.item().isEmpty()) {
                throw new CreatorSuspendedException();
            }
            return Optional.empty();
        }
    }

    /**
     * An administrator's role change (roles and the creator suspension), conditional on the account's version. When it takes a role
     * away, the account's tokens issued until now lose their write access in the same transaction
     * ({@link AccountStatus}): the account refreshes and its new token carries the new roles.
     * Empty when the account changed (or went) since {@code current} was read.
     */
    public Optional<User> setRoles(User current, Set<String> roles, boolean creatorSuspended, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key("USER#" + current.id(), "PROFILE"))
                .updateExpression("SET #roles = :roles, creatorSuspended = :suspended, updatedAt = :now, version = version + :one")
                .conditionExpression("version = :expected")
                .expressionAttributeNames(Map.of("#roles", "roles"))
                .expressionAttributeValues(Map.of(":roles", AttributeValue.fromSs(List.copyOf(roles)),
                        ":suspended", AttributeValue.fromBool(creatorSuspended), ":now", s(now.toString()), ":one", n(1),
                        ":expected", n(current.version())))).build());
        if (!roles.containsAll(current.roles())) {
            // a token that still names a removed role must not write with it
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(accountStatus(current.id(), false, current.version() + 1, now))).build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
            return Optional.of(new User(current.id(), current.email(), current.displayName(), current.bio(), roles,
                    current.passwordHash(), current.createdAt(), now, current.version() + 1, creatorSuspended));
        } catch (TransactionCanceledException e) {
            if (Items.firstConditionFailed(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The account's status item: tokens of an older account version than {@code minTokenVersion}
     * may not write, and an erased account's none. It can expire once every such token has
     * ({@link TokenIssuer#ACCESS_TOKEN_LIFETIME}).
     */
    private static Map<String, AttributeValue> accountStatus(String userId, boolean erased, long minTokenVersion, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(AccountStatus.key(userId));
        item.put("type", s("accountStatus"));
        item.put(AccountStatus.MIN_TOKEN_VERSION, n(minTokenVersion));
        item.put(AccountStatus.ERASED, AttributeValue.fromBool(erased));
        item.put("expiresAt", n(now.plus(TokenIssuer.ACCESS_TOKEN_LIFETIME).plus(Duration.ofHours(1)).getEpochSecond()));
        return item;
    }

    public void updatePasswordHash(String id, String hash) {
        update(id, "SET passwordHash = :hash", Map.of(":hash", s(hash)));
    }

    private Optional<User> update(String id, String expression, Map<String, AttributeValue> values) {
        try {
            var item = dynamoDb.updateItem(b -> b.tableName(table).key(key("USER#" + id, "PROFILE"))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(toUser(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Erasure: the account and its email claim go together, its tokens stop writing at once, and
     * the event that tells the other contexts enters the outbox in the same transaction.
     */
    public void deleteUser(User user, String normalizedEmail, Instant now, EventEnvelope erased) {
        Map<String, AttributeValue> outbox = new HashMap<>(key(AccountStatus.PARTITION_PREFIX + user.id(), OUTBOX_SK));
        outbox.putAll(Map.of("type", s("outboxEvent"), "event", s(EventJson.write(erased)),
                "GSI1PK", s(OUTBOX_PARTITION), "GSI1SK", s(now.toString() + "#" + user.id())));
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("USER#" + user.id(), "PROFILE"))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("EMAIL#" + normalizedEmail, "EMAIL"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(accountStatus(user.id(), true, Long.MAX_VALUE, now))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(outbox)).build()));
    }

    /** The events erasures left unsent, oldest first (GSI1 {@value #OUTBOX_PARTITION}). */
    public List<EventEnvelope> outbox() {
        List<EventEnvelope> events = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(OUTBOX_PARTITION))))
                .items().forEach(item -> events.add(EventJson.readEnvelope(item.get("event").s())));
        return events;
    }

    public void outboxSent(String userId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(AccountStatus.PARTITION_PREFIX + userId, OUTBOX_SK)));
    }

    /** A personal data item another context keeps about the user: its type and its non-key attributes. */
    public record PersonalItem(String type, Map<String, Object> attributes) {
    }

    /**
     * What other contexts keep about the user, by the shared layouts in core: the items of the
     * user's {@link PersonalData} partition, the user's entitlements and progress in lessons. Read
     * generically, so the identity context does not learn any other context's item layout.
     */
    public List<PersonalItem> personalData(String userId) {
        List<PersonalItem> items = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(PersonalData.partition(userId)))))
                .items().forEach(item -> items.add(personalItem(item)));
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Entitlements.partition(userId)))))
                .items().forEach(item -> items.add(personalItem(item)));
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Progress.partition(userId)))))
                .items().forEach(item -> items.add(personalItem(item)));
        return items;
    }

    /**
     * Bookkeeping, not the person's data: keys, expiry, the optimistic-locking version and the
     * outbox (the last write's behaviour events, which the event log keeps anyway).
     */
    private static final Set<String> INTERNAL_ATTRIBUTES = Set.of("PK", "SK", "type", "expiresAt", "version", Outbox.ATTRIBUTE);

    private static PersonalItem personalItem(Map<String, AttributeValue> item) {
        Map<String, Object> attributes = new TreeMap<>();
        item.forEach((name, value) -> {
            if (!INTERNAL_ATTRIBUTES.contains(name) && !name.startsWith("GSI")) {
                attributes.put(name, plain(value));
            }
        });
        return new PersonalItem(item.containsKey("type") ? item.get("type").s() : "unknown", attributes);
    }

    private static Object plain(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return new java.math.BigDecimal(value.n());
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasSs()) {
            return value.ss();
        }
        if (value.hasL()) {
            return value.l().stream().map(IdentityStore::plain).toList();
        }
        if (value.hasM()) {
            Map<String, Object> map = new TreeMap<>();
            value.m().forEach((k, v) -> map.put(k, plain(v)));
            return map;
        }
        return null;
    }

    // --- the sign-in window ------------------------------------------------------------------

    /**
     * Counts one sign-in attempt before its password is checked, in one conditional UpdateItem, so
     * that parallel attempts cannot all pass a read-then-write check: of N concurrent attempts at
     * most the limit are counted, the others are refused without being counted. The window starts
     * with the first attempt and lasts {@code window}; a window past its end (the TTL deletes items
     * late) is replaced by a new one that holds this attempt.
     *
     * @param clientHash sha256 of the client's network (IP address, or an IPv6 /64)
     */
    public LoginAttempt countLoginAttempt(String normalizedEmail, String clientHash, Instant now, Duration window,
                                          int perClient, int perEmail) {
        Map<String, AttributeValue> key = windowKey(normalizedEmail);
        Map<String, String> names = Map.of("#client", clientAttribute(clientHash), "#type", "type");
        long nowSeconds = now.getEpochSecond();
        long endSeconds = nowSeconds + window.toSeconds();
        for (int i = 0; i < 3; i++) {
            try {
                var item = dynamoDb.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("ADD attempts :one, #client :one SET expiresAt = if_not_exists(expiresAt, :end), #type = :type")
                        // an item without `attempts` is a window of the former failure-list layout: counted from here
                        .conditionExpression("attribute_not_exists(PK) OR (expiresAt > :now"
                                + " AND (attribute_not_exists(attempts) OR attempts < :perEmail)"
                                + " AND (attribute_not_exists(#client) OR #client < :perClient))")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":one", n(1), ":end", n(endSeconds),
                                ":type", s("loginFailures"), ":now", n(nowSeconds), ":perEmail", n(perEmail), ":perClient", n(perClient)))
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
                return new LoginAttempt(true, epoch(item.get("expiresAt")));
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> old = oldItemOf(e);
                if (old == null) {
                    continue; // deleted since: the next try starts a window
                }
                Instant end = epoch(old.get("expiresAt"));
                if (end.getEpochSecond() > nowSeconds) {
                    return new LoginAttempt(false, end);
                }
                if (startWindow(key, clientHash, end, endSeconds)) {
                    return new LoginAttempt(true, Instant.ofEpochSecond(endSeconds));
                }
                // another attempt replaced the window first: count against that one
            }
        }
        // three lost races in a row on one email is a flood: refuse rather than check a password uncounted
        return new LoginAttempt(false, now.plusSeconds(1));
    }

    /**
     * A successful sign-in gives its own attempt back to the email's count and clears its client's
     * count (the client proved it knows the password), in the window that counted it; a later
     * window never held it, so then nothing changes.
     */
    public void refundLoginAttempt(String normalizedEmail, String clientHash, Instant windowEndsAt) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(windowKey(normalizedEmail))
                    .updateExpression("ADD attempts :minusOne REMOVE #client")
                    .conditionExpression("expiresAt = :end AND attempts > :zero")
                    .expressionAttributeNames(Map.of("#client", clientAttribute(clientHash)))
                    .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0), ":end", n(windowEndsAt.getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            // the window ended or was replaced meanwhile: our attempt is no longer counted anywhere
        }
    }

    /** The email's current window, if one is open at {@code now}. */
    public Optional<LoginWindow> loginWindow(String normalizedEmail, Instant now) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(windowKey(normalizedEmail))).item();
        if (item == null || !item.containsKey("attempts") || !epoch(item.get("expiresAt")).isAfter(now)) {
            return Optional.empty();
        }
        int clients = (int) item.entrySet().stream()
                .filter(e -> e.getKey().startsWith(CLIENT_PREFIX) && Long.parseLong(e.getValue().n()) > 0).count();
        return Optional.of(new LoginWindow(epoch(item.get("expiresAt")), Long.parseLong(item.get("attempts").n()), clients));
    }

    public void clearLoginWindow(String normalizedEmail) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(windowKey(normalizedEmail)));
    }

    /** Replaces the ended window {@code endedAt} with one holding this attempt; false if another attempt did first. */
    private boolean startWindow(Map<String, AttributeValue> key, String clientHash, Instant endedAt, long endSeconds) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("type", s("loginFailures"));
        item.put("attempts", n(1));
        item.put(clientAttribute(clientHash), n(1));
        item.put("expiresAt", n(endSeconds));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("expiresAt = :ended")
                    .expressionAttributeValues(Map.of(":ended", n(endedAt.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The item as the failed condition saw it, or null when there was none. */
    private static Map<String, AttributeValue> oldItemOf(ConditionalCheckFailedException e) {
        return e.hasItem() && !e.item().isEmpty() ? e.item() : null;
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
        item.put("creatorSuspended", AttributeValue.fromBool(user.creatorSuspended()));
        return item;
    }

    private static User toUser(Map<String, AttributeValue> item) {
        return new User(item.get("id").s(), item.get("email").s(), item.get("displayName").s(),
                item.containsKey("bio") ? item.get("bio").s() : "",
                item.containsKey("roles") ? new HashSet<>(item.get("roles").ss()) : Set.of(),
                item.get("passwordHash").s(), Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("version").n()),
                item.containsKey("creatorSuspended") && Boolean.TRUE.equals(item.get("creatorSuspended").bool()));
    }

    private static FamilyRecord toFamily(Map<String, AttributeValue> item) {
        return new FamilyRecord(item.get("PK").s().substring("FAMILY#".length()), item.get("userId").s(),
                Instant.parse(item.get("createdAt").s()), item.get("revoked").bool());
    }

    private static Map<String, AttributeValue> windowKey(String normalizedEmail) {
        return key("LOGINFAIL#" + IdentityService.sha256(normalizedEmail), "WINDOW");
    }

    private static final String CLIENT_PREFIX = "client_";

    /** One attribute per client network in the email's window item: both counts move in one conditional write. */
    private static String clientAttribute(String clientHash) {
        return CLIENT_PREFIX + clientHash;
    }

    private static Instant epoch(AttributeValue seconds) {
        return Instant.ofEpochSecond(Long.parseLong(seconds.n()));
    }
}
