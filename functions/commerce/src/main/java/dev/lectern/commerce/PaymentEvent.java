package dev.lectern.commerce;

import java.time.Instant;
import java.util.List;

/**
 * A Stripe event reduced to what it tells us about one order, whatever Stripe API version wrote
 * it ({@link StripeEvents#parse}).
 *
 * @param orderId         the order, when the event names it (Checkout Session events); null otherwise
 * @param paymentIntentId the payment, when the event names it (charges, disputes, completed sessions)
 * @param amountRefunded  for {@link Kind#CHARGE_REFUNDED}: the charge's cumulative refunded amount
 * @param refundIds       for {@link Kind#CHARGE_REFUNDED}: the refunds the charge lists
 * @param disputeId       for {@link Kind#DISPUTE}
 * @param disputeOpen     for {@link Kind#DISPUTE}: still open (needs_response, under_review, warning_*)
 * @param disputeLost     for {@link Kind#DISPUTE}: closed and lost
 */
public record PaymentEvent(String eventId, String type, Kind kind, Instant created, String apiVersion, String orderId,
                           String paymentIntentId, long amountRefunded, List<String> refundIds, String disputeId,
                           boolean disputeOpen, boolean disputeLost) {

    public enum Kind {
        /** checkout.session.completed with payment_status paid. */
        PAID,
        /** checkout.session.completed with payment_status unpaid: a delayed method, its outcome comes later. */
        AWAITING_PAYMENT,
        /** checkout.session.async_payment_succeeded. */
        ASYNC_PAID,
        /** checkout.session.async_payment_failed. */
        PAYMENT_FAILED,
        /** checkout.session.expired. */
        EXPIRED,
        /** charge.refunded, full or partial. */
        CHARGE_REFUNDED,
        /** refund.created / refund.updated: names a refund of the payment (its money comes with charge.refunded). */
        REFUND_RECORDED,
        /** charge.dispute.created / updated / closed. */
        DISPUTE,
        /** A type we do not act on: acknowledged and logged. */
        IGNORED
    }

    public PaymentEvent {
        refundIds = refundIds == null ? List.of() : List.copyOf(refundIds);
    }
}
