package dev.lectern.commerce;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Stripe has told us about one order, kept as facts that only grow: "it was paid", "it
 * expired", "this much was refunded", "dispute d is open / lost". Merging an event is commutative
 * and idempotent — every fact is a flag that only turns on, a maximum or a set union — so the
 * order's state ({@link #status}) is the same whatever order, duplication or delay the events
 * arrive in. That is the design docs/architecture.md ("Orders") describes; nothing here asks
 * Stripe for the current object.
 *
 * @param disputes dispute id to its state: {@code open}, {@code won} or {@code lost} (closed beats open)
 */
public record PaymentFacts(boolean paid, boolean awaitingPayment, boolean failed, boolean expired, long amountRefunded,
                           Set<String> refundIds, Map<String, String> disputes, String paymentIntentId, Instant paidAt) {

    public static final PaymentFacts NONE = new PaymentFacts(false, false, false, false, 0, Set.of(), Map.of(), null, null);

    public PaymentFacts {
        refundIds = Set.copyOf(refundIds);
        disputes = Map.copyOf(disputes);
    }

    /** These facts and what {@code event} adds. */
    public PaymentFacts merge(PaymentEvent event) {
        boolean paid = this.paid;
        boolean awaiting = this.awaitingPayment;
        boolean failed = this.failed;
        boolean expired = this.expired;
        long refunded = this.amountRefunded;
        Set<String> refunds = new TreeSet<>(this.refundIds);
        Map<String, String> disputes = new TreeMap<>(this.disputes);
        Instant paidAt = this.paidAt;
        switch (event.kind()) {
            case PAID, ASYNC_PAID -> {
                paid = true;
                paidAt = paidAt == null || event.created().isBefore(paidAt) ? event.created() : paidAt;
            }
            case AWAITING_PAYMENT -> awaiting = true;
            case PAYMENT_FAILED -> failed = true;
            case EXPIRED -> expired = true;
            case CHARGE_REFUNDED -> {
                refunded = Math.max(refunded, event.amountRefunded());
                refunds.addAll(event.refundIds());
            }
            case REFUND_RECORDED -> refunds.addAll(event.refundIds());
            case DISPUTE -> {
                String state = event.disputeOpen() ? "open" : event.disputeLost() ? "lost" : "won";
                // a closed dispute never reopens: a late "created" after "closed" changes nothing
                disputes.merge(event.disputeId(), state, (before, now) -> before.equals("open") ? now : before);
            }
            case IGNORED -> {
            }
        }
        String paymentIntent = paymentIntentId != null ? paymentIntentId : event.paymentIntentId();
        return new PaymentFacts(paid, awaiting, failed, expired, refunded, refunds, disputes, paymentIntent, paidAt);
    }

    /** The order's state for a total of {@code total} minor units. */
    public OrderStatus status(long total) {
        if (!paid) {
            // a payment that went through outranks an expiry or a failure reported out of order
            return failed ? OrderStatus.FAILED : expired ? OrderStatus.EXPIRED : OrderStatus.PENDING;
        }
        if (disputes.containsValue("lost")) {
            return OrderStatus.REVOKED;
        }
        if (disputes.containsValue("open")) {
            return OrderStatus.DISPUTED;
        }
        if (amountRefunded >= total) {
            return OrderStatus.REFUNDED;
        }
        return amountRefunded > 0 ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.PAID;
    }

    /** What the order has earned, in minor units: the total once paid, less refunds, nothing once a dispute is lost. */
    public long bookedGross(long total) {
        if (!paid || disputes.containsValue("lost")) {
            return 0;
        }
        return total - Math.min(amountRefunded, total);
    }

    /** Whether the order holds one redemption of its coupon: from checkout until it expires or fails unpaid. */
    public boolean holdsCoupon() {
        return paid || !(failed || expired);
    }
}
