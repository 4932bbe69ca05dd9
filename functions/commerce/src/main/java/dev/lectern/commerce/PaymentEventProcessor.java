package dev.lectern.commerce;

import com.stripe.Stripe;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one Stripe event to its order, once. The order's payment facts merge the event
 * ({@link PaymentFacts#merge}: commutative, so arrival order does not matter); what the new state
 * implies — the entitlement, the enrolment counter, the ledger, the coupon — is computed from the
 * state before and after, and commits with the order and the record of the event in one
 * transaction ({@link CommerceStore#apply}). A redelivered event finds its record and changes
 * nothing; a concurrent change of the same order loses the optimistic lock and is recomputed.
 */
@Singleton
public class PaymentEventProcessor {

    /** What happened to an event. */
    public enum Result { APPLIED, DUPLICATE, IGNORED, UNKNOWN_ORDER }

    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventProcessor.class);
    private static final int ATTEMPTS = 5;

    private final CommerceStore store;
    private final PaymentProvider provider;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public PaymentEventProcessor(CommerceStore store, PaymentProvider provider, Clock clock, BusinessMetrics metrics) {
        this.store = store;
        this.provider = provider;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @throws StripeEvents.InvalidEvent for JSON that is not a Stripe event (poison: it goes to the DLQ) */
    public Result process(String json) {
        PaymentEvent event = StripeEvents.parse(json);
        if (event.apiVersion() != null && !Stripe.API_VERSION.equals(event.apiVersion())) {
            // applied all the same: we read only fields every version writes alike (StripeEvents)
            LOG.warn("event {} ({}) has API version {}, the library {}", event.eventId(), event.type(), event.apiVersion(), Stripe.API_VERSION);
            metrics.count(CommerceMetrics.API_VERSION_MISMATCH);
        }
        if (event.kind() == PaymentEvent.Kind.IGNORED) {
            LOG.info("event {}: {} is not one Lectern acts on; acknowledged", event.eventId(), event.type());
            metrics.count(CommerceMetrics.EVENTS_IGNORED);
            return Result.IGNORED;
        }
        Optional<String> orderId = orderOf(event);
        if (orderId.isEmpty()) {
            return unknown(event);
        }
        Optional<Applied> applied = applyTo(orderId.get(), event);
        if (applied.isEmpty()) {
            return unknown(event);
        }
        // also after a redelivery: the hand-over may be what the first delivery did not get to
        handOver(applied.get().order(), event);
        return applied.get().result();
    }

    /** The order as it is once the event is applied, and whether this call applied it or found it applied. */
    private record Applied(Order order, Result result) {
    }

    /**
     * Applies the event to the order, recomputing after a lost optimistic lock; empty when there
     * is no such order.
     */
    private Optional<Applied> applyTo(String orderId, PaymentEvent event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> before = store.order(orderId, true);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            if (store.isApplied(event.eventId())) {
                LOG.info("event {} was applied before; nothing to do", event.eventId());
                return Optional.of(new Applied(before.get(), Result.DUPLICATE));
            }
            CommerceStore.Change change = changeOf(before.get(), event, clock.instant());
            switch (store.apply(change)) {
                case APPLIED -> {
                    count(change);
                    LOG.info("event {} ({}): order {} {} -> {}", event.eventId(), event.type(), change.after().id(),
                            change.before().status().wireName(), change.after().status().wireName());
                    return Optional.of(new Applied(change.after(), Result.APPLIED));
                }
                case DUPLICATE_EVENT -> {
                    return Optional.of(new Applied(before.get(), Result.DUPLICATE));
                }
                case CONFLICT -> LOG.info("event {}: order {} changed meanwhile (attempt {}); recomputing", event.eventId(),
                        change.after().id(), attempt);
            }
        }
        throw new IllegalStateException("order " + orderId + " kept changing; event " + event.eventId() + " will be retried");
    }

    /**
     * A learner who paid twice for a course holds its entitlement through one order; the other is
     * a duplicate. When the holding order stops giving access (refunded, revoked), the entitlement
     * passes to a duplicate that still does — so a paying learner never ends without the course.
     * The hand-over is applied to that order as an event of its own, once ({@code handover:…} ids).
     */
    private void handOver(Order order, PaymentEvent cause) {
        if (order.status().access() != OrderStatus.Access.NONE || order.entitlement() != Order.Entitlement.NONE
                || store.entitlementSource(order.userId(), order.courseId(), true).isPresent()) {
            return;
        }
        for (Order other : store.ordersOf(order.userId(), order.courseId())) {
            if (!other.id().equals(order.id()) && other.duplicate() && other.status().access() == OrderStatus.Access.ACTIVE) {
                PaymentEvent handover = new PaymentEvent("handover:" + cause.eventId() + ":" + other.id(), "lectern.entitlement.handover",
                        PaymentEvent.Kind.IGNORED, clock.instant(), null, other.id(), null, 0, List.of(), null, false, false);
                applyTo(other.id(), handover);
                LOG.info("order {} no longer gives access: the learner's other paid order {} holds the course now", order.id(), other.id());
                return;
            }
        }
    }

    /** The order an event concerns: named in it, or through its payment (our link, else Stripe's metadata). */
    private Optional<String> orderOf(PaymentEvent event) {
        if (event.orderId() != null) {
            return Optional.of(event.orderId());
        }
        Optional<String> linked = store.orderIdOfPayment(event.paymentIntentId());
        // a refund or dispute reported before the payment that it refers to: Stripe knows the order
        return linked.isPresent() ? linked : provider.orderIdOfPayment(event.paymentIntentId()).filter(Ids::isId);
    }

    private Result unknown(PaymentEvent event) {
        LOG.warn("event {} ({}) concerns no order of ours; acknowledged", event.eventId(), event.type());
        metrics.count(CommerceMetrics.EVENTS_UNKNOWN_ORDER);
        return Result.UNKNOWN_ORDER;
    }

    /** Everything an event implies for an order, computed from its state before and after. */
    CommerceStore.Change changeOf(Order before, PaymentEvent event, Instant now) {
        PaymentFacts facts = before.facts().merge(event);
        OrderStatus.Access access = facts.status(before.total()).access();
        Order.Entitlement entitlement = before.entitlement();
        CommerceStore.EntitlementChange entitlementChange = CommerceStore.EntitlementChange.NONE;
        boolean duplicate = before.duplicate();
        boolean wantsItem = access != OrderStatus.Access.NONE;
        boolean hasItem = entitlement != Order.Entitlement.NONE;
        boolean wantsSuspended = access == OrderStatus.Access.SUSPENDED;
        if (wantsItem != hasItem || hasItem && wantsSuspended != (entitlement == Order.Entitlement.SUSPENDED)) {
            // what the learner's entitlement item is now: ours, another's (a free enrolment, an earlier
            // order) or none (an erased account lost it); only our own item is ever changed
            Optional<String> holder = store.entitlementSource(before.userId(), before.courseId(), true);
            boolean ours = holder.equals(Optional.of(Entitlements.orderSource(before.id())));
            if (!hasItem && access == OrderStatus.Access.ACTIVE) {
                if (holder.isPresent()) {
                    duplicate = true;
                } else {
                    entitlementChange = CommerceStore.EntitlementChange.GRANT;
                    entitlement = Order.Entitlement.ACTIVE;
                    // a duplicate taking over from a refunded order is one no longer
                    duplicate = false;
                }
            } else if (hasItem && !ours) {
                entitlement = Order.Entitlement.NONE;
            } else if (hasItem && !wantsItem) {
                entitlementChange = CommerceStore.EntitlementChange.REMOVE;
                entitlement = Order.Entitlement.NONE;
            } else if (hasItem) {
                entitlementChange = wantsSuspended ? CommerceStore.EntitlementChange.SUSPEND : CommerceStore.EntitlementChange.RESUME;
                entitlement = wantsSuspended ? Order.Entitlement.SUSPENDED : Order.Entitlement.ACTIVE;
            }
        }
        boolean couponHeld = before.couponCode() != null && facts.holdsCoupon();
        Order after = before.with(facts, entitlement, couponHeld, duplicate);
        Ledger.Delta money = Ledger.change(before.bookedGross(), after.bookedGross(), before.total(), before.feeBasisPoints());
        Optional<CommerceStore.LedgerEntry> ledger = money.isZero() ? Optional.empty()
                : Optional.of(new CommerceStore.LedgerEntry(before.creatorId(), before.id(), before.courseId(), event.eventId(),
                event.type(), now, before.currency(), money.gross(), money.fee(), money.net()));
        String correlationId = Logs.currentCorrelationId();
        Optional<EventEnvelope> enrolled = entitlementChange == CommerceStore.EntitlementChange.GRANT
                ? Optional.of(Outbox.event(new Behaviour.Enrolled(before.userId(), before.courseId(), "purchase"), now, correlationId))
                : Optional.empty();
        return new CommerceStore.Change(before, after, event, entitlementChange, ledger, now,
                orderEvents(before, after, now, correlationId), enrolled);
    }

    /**
     * The behaviour events of an order's change, from the facts before and after it: {@code order_paid}
     * when it became paid, {@code order_refunded} for the money that went back with this change (a
     * refund's amount, or what a lost dispute took). Both follow from facts that only grow, so the
     * events of an order add up to the same whatever order its Stripe events arrive in, and an
     * event applied twice (which changes no fact) produces none; a refund reported before its
     * payment is emitted with the payment.
     */
    static List<EventEnvelope> orderEvents(Order before, Order after, Instant now, String correlationId) {
        List<EventEnvelope> events = new ArrayList<>();
        if (!before.facts().paid() && after.facts().paid()) {
            events.add(Outbox.event(new Behaviour.OrderPaid(after.userId(), after.courseId(), after.id(), after.total(),
                    after.currency()), now, correlationId));
        }
        long returned = returned(after) - returned(before);
        if (returned > 0) {
            events.add(Outbox.event(new Behaviour.OrderRefunded(after.userId(), after.courseId(), after.id(), returned,
                    after.currency()), now, correlationId));
        }
        return events;
    }

    /** What has gone back of a paid order's total (refunds, or all of what was left once a dispute is lost); 0 unpaid. */
    private static long returned(Order order) {
        return order.facts().paid() ? order.total() - order.bookedGross() : 0;
    }

    private void count(CommerceStore.Change change) {
        PaymentFacts before = change.before().facts();
        PaymentFacts after = change.after().facts();
        if (!before.paid() && after.paid()) {
            metrics.count(CommerceMetrics.ORDERS_PAID);
        }
        if (after.amountRefunded() > before.amountRefunded()) {
            metrics.count(CommerceMetrics.REFUNDS);
        }
        if (after.disputes().size() > before.disputes().size()) {
            metrics.count(CommerceMetrics.DISPUTES);
        }
    }
}
