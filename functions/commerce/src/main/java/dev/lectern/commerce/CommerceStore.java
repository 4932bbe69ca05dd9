package dev.lectern.commerce;

import static dev.lectern.core.dynamo.Items.n;
import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Cursors;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Commerce's items in the single table (docs/architecture.md, "Data"):
 * <pre>
 * PK                         SK                          what
 * ORDER#orderId              ORDER                       the order and its payment facts; GSI1 USER_ORDERS#userId / createdAt#orderId
 * PAYMENT#paymentIntentId    ORDER                       which order a payment paid (written with the payment)
 * STRIPE_EVENT#eventId       EVENT                       a Stripe event applied (kept 90 days: Stripe resends for 30)
 * COUPONS#courseId           COUPON#CODE                 a coupon with its redemptions held
 * LEDGER#creatorId           bookedAt#orderId#eventId    a creator's ledger entry (append-only)
 * EARNINGS#creatorId         yyyy-MM#currency            the creator's month: ADD gross, fee, net, entries (with each entry)
 * EARNINGS#PLATFORM          yyyy-MM#currency            the platform's month, the same way
 * </pre>
 * plus, through core's shared layouts, the buyer's entitlement ({@link Entitlements}) and the
 * course's enrolment counter and change marker ({@link Courses}). An order's change and everything
 * it implies is one transaction ({@link #apply}).
 */
@Singleton
public class CommerceStore {

    static final String ORDER_PREFIX = "ORDER#";
    static final String PAYMENT_PREFIX = "PAYMENT#";
    static final String EVENT_PREFIX = "STRIPE_EVENT#";
    static final String COUPON_PREFIX = "COUPONS#";
    static final String LEDGER_PREFIX = "LEDGER#";
    static final String EARNINGS_PREFIX = "EARNINGS#";
    /** The platform's months; creator ids are ULIDs, so no creator's partition is named like it. */
    static final String PLATFORM_EARNINGS = EARNINGS_PREFIX + "PLATFORM";
    static final String USER_ORDERS_PREFIX = "USER_ORDERS#";
    static final Duration EVENT_KEPT = Duration.ofDays(90);

    /** A course as commerce sees it: what a checkout prices. */
    public record CourseForSale(String id, String title, String creatorId, boolean published, long priceAmount, String currency) {
    }

    /** A month's sums in one currency. */
    public record MonthTotals(String month, String currency, long gross, long fee, long net, long entries) {
    }

    /** One ledger entry. */
    public record LedgerEntry(String creatorId, String orderId, String courseId, String eventId, String reason, Instant bookedAt,
                              String currency, long gross, long fee, long net) {
    }

    /** What the entitlement item must do in an order's transaction. */
    public enum EntitlementChange { NONE, GRANT, SUSPEND, RESUME, REMOVE }

    /**
     * An order's change, with everything that must commit with it.
     *
     * @param orderEvents    the behaviour events of the change ({@code order_paid}, {@code order_refunded}),
     *                       in the outbox of the record that the event was applied
     * @param enrolled       the {@code enrolled} event of a granted entitlement, in the entitlement item's outbox
     */
    public record Change(Order before, Order after, PaymentEvent event, EntitlementChange entitlement, Optional<LedgerEntry> ledger,
                         Instant now, List<EventEnvelope> orderEvents, Optional<EventEnvelope> enrolled) {

        public Change {
            orderEvents = List.copyOf(orderEvents);
        }

        /** A granted entitlement is an enrolment; a removed one takes it back. */
        int enrollDelta() {
            return switch (entitlement) {
                case GRANT -> 1;
                case REMOVE -> -1;
                default -> 0;
            };
        }

        int couponDelta() {
            return (after.couponHeld() ? 1 : 0) - (before.couponHeld() ? 1 : 0);
        }

        /** The payment is known from now on: its link to the order is written. */
        boolean newPayment() {
            return before.facts().paymentIntentId() == null && after.facts().paymentIntentId() != null;
        }
    }

    public enum Outcome { APPLIED, DUPLICATE_EVENT, CONFLICT }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public CommerceStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    // --- courses and entitlements (core's shared layouts) -------------------------------------

    /**
     * How far a learner got in a course, for the refund rule: the course's syllabus (one Query of
     * its partition, projected to what orders lessons) and the learner's progress in it (one Query
     * of their progress partition), summarised by core's {@link Progress}.
     */
    public Progress.Summary standing(String userId, String courseId) {
        return Progress.summarize(Courses.syllabus(dynamoDb, table, courseId), Progress.ofCourse(dynamoDb, table, userId, courseId));
    }

    public Optional<CourseForSale> course(String courseId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Courses.metaKey(courseId))
                .projectionExpression("id, title, creatorId, #status, priceAmount, priceCurrency")
                .expressionAttributeNames(Map.of("#status", "status"))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CourseForSale(item.get("id").s(), item.get("title").s(), item.get("creatorId").s(),
                "published".equals(item.get("status").s()), Long.parseLong(item.get("priceAmount").n()), item.get("priceCurrency").s()));
    }

    /** The learner's entitlement item to the course, suspended or not: its source, or empty. */
    public Optional<String> entitlementSource(String userId, String courseId, boolean consistent) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Entitlements.key(userId, courseId)).consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("source").s());
    }

    // --- orders ---------------------------------------------------------------------------

    /**
     * A new pending order, and one redemption of its coupon reserved in the same transaction:
     * false when the coupon ran out or expired meanwhile (nothing is written then).
     */
    public boolean createOrder(Order order, Optional<Coupon> coupon, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(orderItem(order))
                .conditionExpression("attribute_not_exists(PK)")).build());
        coupon.ifPresent(c -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(couponKey(c.courseId(), c.code()))
                .updateExpression("SET redeemed = redeemed + :one")
                .conditionExpression("attribute_exists(PK) AND redeemed < maxRedemptions AND validUntil > :now")
                .expressionAttributeValues(Map.of(":one", n(1), ":now", n(now.getEpochSecond())))).build()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (coupon.isPresent() && failedAt(e, 1)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Order> order(String orderId, boolean consistent) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Items.key(ORDER_PREFIX + orderId, "ORDER")).consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrder(item));
    }

    /** A learner's orders, newest first (GSI1). */
    public Page<Order> ordersOf(String userId, int limit, String cursor) {
        String partition = USER_ORDERS_PREFIX + userId;
        var start = Cursors.decode(cursor, Map.of("PK", ORDER_PREFIX + Cursors.ID, "SK", Cursors.exactly("ORDER"),
                "GSI1PK", Cursors.exactly(partition), "GSI1SK", Cursors.TIMESTAMP + "#" + Cursors.ID));
        QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(Map.of(":pk", s(partition)))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start).build());
        return new Page<>(response.items().stream().map(CommerceStore::toOrder).toList(), nextCursor(response));
    }

    /** A learner's orders of one course (GSI1, every page; a learner has few). */
    public List<Order> ordersOf(String userId, String courseId) {
        List<Order> orders = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :pk")
                        .filterExpression("courseId = :course")
                        .expressionAttributeValues(Map.of(":pk", s(USER_ORDERS_PREFIX + userId), ":course", s(courseId))))
                .items().forEach(item -> orders.add(toOrder(item)));
        return orders;
    }

    /** The order a payment paid, as recorded when it was paid. */
    public Optional<String> orderIdOfPayment(String paymentIntentId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Items.key(PAYMENT_PREFIX + paymentIntentId, "ORDER"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("orderId").s());
    }

    public boolean isApplied(String eventId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(eventKey(eventId)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /**
     * The change of an order and all it implies, in one transaction: the record that the event was
     * applied (so a redelivery changes nothing; it carries the change's behaviour events in its
     * outbox), the order (checked against the version read), the entitlement (a granted one carries
     * its {@code enrolled} event), the course's enrolment counter and change marker, the ledger
     * entries, the coupon's redemptions and the payment's link to the order.
     */
    public Outcome apply(Change change) {
        Order after = change.after();
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> applied = new HashMap<>(eventKey(change.event().eventId()));
        applied.putAll(Map.of("type", s("stripeEvent"), "eventType", s(change.event().type()), "orderId", s(after.id()),
                "appliedAt", s(change.now().toString()), "expiresAt", n(change.now().plus(EVENT_KEPT).getEpochSecond())));
        // the order's events ride on the event's record, not on the order item: that is small and in no
        // index, where the order is near 1 KB and in GSI1, so an envelope there would double two writes
        if (!change.orderEvents().isEmpty()) {
            applied.put(Outbox.ATTRIBUTE, Outbox.attribute(change.orderEvents()));
        }
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(applied).conditionExpression("attribute_not_exists(PK)")).build());
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(orderItem(after))
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", n(change.before().version())))).build());
        entitlementItem(change).ifPresent(items::add);
        if (change.enrollDelta() != 0) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(Courses.statsKey(after.courseId()))
                    .updateExpression("SET #type = :stats ADD enrollCount :delta")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":stats", s("courseStats"), ":delta", n(change.enrollDelta())))).build());
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(Courses.changeMarker(after.courseId(), change.now()))).build());
        }
        change.ledger().ifPresent(entry -> {
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(ledgerItem(entry))).build());
            items.add(monthTotals(EARNINGS_PREFIX + entry.creatorId(), entry));
            items.add(monthTotals(PLATFORM_EARNINGS, entry));
        });
        if (change.couponDelta() != 0) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(couponKey(after.courseId(), after.couponCode()))
                    .updateExpression("ADD redeemed :delta")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":delta", n(change.couponDelta())))).build());
        }
        if (change.newPayment()) {
            Map<String, AttributeValue> link = new HashMap<>(Items.key(PAYMENT_PREFIX + after.facts().paymentIntentId(), "ORDER"));
            link.putAll(Map.of("type", s("paymentLink"), "orderId", s(after.id())));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(link)).build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            if (failedAt(e, 0)) {
                return Outcome.DUPLICATE_EVENT;
            }
            if (Items.anyConditionFailed(e)) {
                return Outcome.CONFLICT;
            }
            throw e;
        }
    }

    private Optional<TransactWriteItem> entitlementItem(Change change) {
        Order order = change.after();
        Map<String, AttributeValue> key = Entitlements.key(order.userId(), order.courseId());
        String source = Entitlements.orderSource(order.id());
        return switch (change.entitlement()) {
            case NONE -> Optional.empty();
            case GRANT -> {
                Map<String, AttributeValue> item = new HashMap<>(key);
                item.putAll(Map.of("type", s("entitlement"), "userId", s(order.userId()), "courseId", s(order.courseId()),
                        "since", s(change.now().toString()), "source", s(source)));
                change.enrolled().ifPresent(enrolled -> item.put(Outbox.ATTRIBUTE, Outbox.attribute(enrolled)));
                yield Optional.of(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(PK)")).build());
            }
            case SUSPEND, RESUME -> Optional.of(TransactWriteItem.builder().update(u -> u.tableName(table).key(key)
                    .updateExpression("SET #suspended = :suspended")
                    .conditionExpression("#source = :source")
                    .expressionAttributeNames(Map.of("#suspended", Entitlements.SUSPENDED, "#source", "source"))
                    .expressionAttributeValues(Map.of(":suspended", AttributeValue.fromBool(change.entitlement() == EntitlementChange.SUSPEND),
                            ":source", s(source)))).build());
            case REMOVE -> Optional.of(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)
                    .conditionExpression("#source = :source")
                    .expressionAttributeNames(Map.of("#source", "source"))
                    .expressionAttributeValues(Map.of(":source", s(source)))).build());
        };
    }

    // --- coupons -------------------------------------------------------------------------------

    /** False when the course has a coupon with this code already. */
    public boolean createCoupon(Coupon coupon) {
        Map<String, AttributeValue> item = new HashMap<>(couponKey(coupon.courseId(), coupon.code()));
        item.putAll(Map.of("type", s("coupon"), "courseId", s(coupon.courseId()), "code", s(coupon.code()),
                "maxRedemptions", n(coupon.maxRedemptions()), "redeemed", n(coupon.redeemed()),
                "validUntil", n(coupon.validUntil().getEpochSecond()), "createdAt", s(coupon.createdAt().toString())));
        if (coupon.percentOff() != null) {
            item.put("percentOff", n(coupon.percentOff()));
        } else {
            item.put("amountOff", n(coupon.amountOff()));
            item.put("currency", s(coupon.currency()));
        }
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<Coupon> coupon(String courseId, String code) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(couponKey(courseId, code)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCoupon(item));
    }

    public Page<Coupon> coupons(String courseId, int limit, String cursor) {
        String partition = COUPON_PREFIX + courseId;
        var start = Cursors.decode(cursor, Map.of("PK", Cursors.exactly(partition), "SK", "COUPON#[A-Z0-9_-]{3,32}"));
        QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", s(partition)))
                .limit(limit).exclusiveStartKey(start).build());
        return new Page<>(response.items().stream().map(CommerceStore::toCoupon).toList(), nextCursor(response));
    }

    // --- ledger --------------------------------------------------------------------------------

    /** A creator's months from {@code fromMonth} to {@code toMonth} (yyyy-MM, both included): one Query. */
    public List<MonthTotals> creatorMonths(String creatorId, String fromMonth, String toMonth) {
        return months(EARNINGS_PREFIX + creatorId, fromMonth, toMonth);
    }

    /** The platform's months, the same way. */
    public List<MonthTotals> platformMonths(String fromMonth, String toMonth) {
        return months(PLATFORM_EARNINGS, fromMonth, toMonth);
    }

    private List<MonthTotals> months(String partition, String fromMonth, String toMonth) {
        List<MonthTotals> months = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", s(partition), ":from", s(fromMonth), ":to", s(toMonth + "~"))))
                .items().forEach(item -> {
                    String[] monthAndCurrency = item.get("SK").s().split("#");
                    months.add(new MonthTotals(monthAndCurrency[0], monthAndCurrency[1], Long.parseLong(item.get("gross").n()),
                            Long.parseLong(item.get("fee").n()), Long.parseLong(item.get("net").n()), Long.parseLong(item.get("entries").n())));
                });
        return months;
    }

    /** Adds an entry to its month's sums under {@code partition}; the item is created by the first entry. */
    private TransactWriteItem monthTotals(String partition, LedgerEntry entry) {
        String month = Courses.sortable(entry.bookedAt()).substring(0, 7);
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(Items.key(partition, month + "#" + entry.currency()))
                .updateExpression("SET #type = :type ADD gross :gross, fee :fee, net :net, entries :one")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":type", s("earningsMonth"), ":gross", n(entry.gross()), ":fee", n(entry.fee()),
                        ":net", n(entry.net()), ":one", n(1)))).build();
    }

    // --- items ---------------------------------------------------------------------------------

    private static Map<String, AttributeValue> eventKey(String eventId) {
        return Items.key(EVENT_PREFIX + eventId, "EVENT");
    }

    private static Map<String, AttributeValue> couponKey(String courseId, String code) {
        return Items.key(COUPON_PREFIX + courseId, "COUPON#" + code);
    }

    static Map<String, AttributeValue> orderItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(ORDER_PREFIX + order.id(), "ORDER"));
        item.put("type", s("order"));
        item.put("GSI1PK", s(USER_ORDERS_PREFIX + order.userId()));
        item.put("GSI1SK", s(Courses.sortable(order.createdAt()) + "#" + order.id()));
        item.put("id", s(order.id()));
        item.put("userId", s(order.userId()));
        item.put("courseId", s(order.courseId()));
        item.put("creatorId", s(order.creatorId()));
        item.put("courseTitle", s(order.courseTitle()));
        item.put("listAmount", n(order.listAmount()));
        item.put("discount", n(order.discount()));
        item.put("total", n(order.total()));
        item.put("currency", s(order.currency()));
        if (order.couponCode() != null) {
            item.put("couponCode", s(order.couponCode()));
        }
        item.put("feeBasisPoints", n(order.feeBasisPoints()));
        item.put("checkoutSessionId", s(order.checkoutSessionId()));
        // not "expiresAt": that is the table's TTL attribute, and orders are kept
        item.put("checkoutExpiresAt", s(order.expiresAt().toString()));
        item.put("createdAt", s(order.createdAt().toString()));
        item.put("status", s(order.status().wireName()));
        PaymentFacts facts = order.facts();
        item.put("paid", AttributeValue.fromBool(facts.paid()));
        item.put("awaitingPayment", AttributeValue.fromBool(facts.awaitingPayment()));
        item.put("failed", AttributeValue.fromBool(facts.failed()));
        item.put("expired", AttributeValue.fromBool(facts.expired()));
        item.put("amountRefunded", n(facts.amountRefunded()));
        item.put("refundIds", AttributeValue.fromL(facts.refundIds().stream().map(Items::s).toList()));
        Map<String, AttributeValue> disputes = new HashMap<>();
        facts.disputes().forEach((id, state) -> disputes.put(id, s(state)));
        item.put("disputes", AttributeValue.fromM(disputes));
        if (facts.paymentIntentId() != null) {
            item.put("paymentIntentId", s(facts.paymentIntentId()));
        }
        if (facts.paidAt() != null) {
            item.put("paidAt", s(facts.paidAt().toString()));
        }
        item.put("entitlement", s(order.entitlement().name()));
        item.put("couponHeld", AttributeValue.fromBool(order.couponHeld()));
        item.put("duplicate", AttributeValue.fromBool(order.duplicate()));
        item.put("version", n(order.version()));
        return item;
    }

    static Order toOrder(Map<String, AttributeValue> item) {
        Set<String> refunds = new TreeSet<>();
        item.get("refundIds").l().forEach(v -> refunds.add(v.s()));
        Map<String, String> disputes = new TreeMap<>();
        item.get("disputes").m().forEach((id, state) -> disputes.put(id, state.s()));
        PaymentFacts facts = new PaymentFacts(item.get("paid").bool(), item.get("awaitingPayment").bool(), item.get("failed").bool(),
                item.get("expired").bool(), Long.parseLong(item.get("amountRefunded").n()), refunds, disputes,
                item.containsKey("paymentIntentId") ? item.get("paymentIntentId").s() : null,
                item.containsKey("paidAt") ? Instant.parse(item.get("paidAt").s()) : null);
        return new Order(item.get("id").s(), item.get("userId").s(), item.get("courseId").s(), item.get("creatorId").s(),
                item.get("courseTitle").s(), Long.parseLong(item.get("listAmount").n()), Long.parseLong(item.get("discount").n()),
                Long.parseLong(item.get("total").n()), item.get("currency").s(),
                item.containsKey("couponCode") ? item.get("couponCode").s() : null, Integer.parseInt(item.get("feeBasisPoints").n()),
                item.get("checkoutSessionId").s(), Instant.parse(item.get("checkoutExpiresAt").s()),
                Instant.parse(item.get("createdAt").s()), facts, Order.Entitlement.valueOf(item.get("entitlement").s()),
                item.get("couponHeld").bool(), item.get("duplicate").bool(), Long.parseLong(item.get("version").n()));
    }

    private static Coupon toCoupon(Map<String, AttributeValue> item) {
        return new Coupon(item.get("courseId").s(), item.get("code").s(),
                item.containsKey("percentOff") ? Integer.parseInt(item.get("percentOff").n()) : null,
                item.containsKey("amountOff") ? Long.parseLong(item.get("amountOff").n()) : null,
                item.containsKey("currency") ? item.get("currency").s() : null,
                Integer.parseInt(item.get("maxRedemptions").n()), Integer.parseInt(item.get("redeemed").n()),
                Instant.ofEpochSecond(Long.parseLong(item.get("validUntil").n())), Instant.parse(item.get("createdAt").s()));
    }

    private static Map<String, AttributeValue> ledgerItem(LedgerEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(LEDGER_PREFIX + entry.creatorId(),
                Courses.sortable(entry.bookedAt()) + "#" + entry.orderId() + "#" + entry.eventId()));
        item.putAll(Map.of("type", s("ledgerEntry"), "creatorId", s(entry.creatorId()), "orderId", s(entry.orderId()),
                "courseId", s(entry.courseId()), "eventId", s(entry.eventId()), "reason", s(entry.reason()),
                "bookedAt", s(entry.bookedAt().toString()), "currency", s(entry.currency())));
        item.putAll(Map.of("gross", n(entry.gross()), "fee", n(entry.fee()), "net", n(entry.net())));
        return item;
    }

    private static String nextCursor(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? Cursors.encode(response.lastEvaluatedKey()) : null;
    }

    private static boolean failedAt(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
