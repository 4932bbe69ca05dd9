package dev.lectern.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order's state machine is a merge of facts: for every arrival order (all permutations) and
 * with every event delivered twice, the state is the one the scenario names.
 */
class PaymentFactsTest {

    private static final long TOTAL = 2_000;
    private static int sequence;

    @Test
    void paidThenRefundedInFullIsRefundedInAnyOrder() {
        assertEveryOrder(OrderStatus.REFUNDED, paid(), refunded(TOTAL, "re_1"));
    }

    @Test
    void partialRefundsKeepTheLargestCumulativeAmount() {
        // charge.refunded carries the cumulative amount: a late 500 after a 1,200 changes nothing
        assertEveryOrder(OrderStatus.PARTIALLY_REFUNDED, paid(), refunded(500, "re_1"), refunded(1_200, "re_1", "re_2"));
        PaymentFacts facts = apply(List.of(paid(), refunded(1_200, "re_1", "re_2"), refunded(500, "re_1")));
        assertThat(facts.amountRefunded()).isEqualTo(1_200);
        assertThat(facts.refundIds()).containsExactlyInAnyOrder("re_1", "re_2");
    }

    @Test
    void anExpiryReportedAfterThePaymentDoesNotUndoIt() {
        assertEveryOrder(OrderStatus.PAID, paid(), expired());
    }

    @Test
    void delayedPaymentsEndPaidOrFailed() {
        assertEveryOrder(OrderStatus.PAID, awaiting(), asyncPaid());
        assertEveryOrder(OrderStatus.FAILED, awaiting(), asyncFailed());
        assertEveryOrder(OrderStatus.PENDING, awaiting());
        assertEveryOrder(OrderStatus.EXPIRED, expired());
    }

    @Test
    void disputesSuspendThenRestoreOrRevoke() {
        assertEveryOrder(OrderStatus.DISPUTED, paid(), dispute("dp_1", "needs_response"));
        assertEveryOrder(OrderStatus.PAID, paid(), dispute("dp_1", "needs_response"), dispute("dp_1", "won"));
        assertEveryOrder(OrderStatus.REVOKED, paid(), dispute("dp_1", "needs_response"), dispute("dp_1", "lost"));
        assertEveryOrder(OrderStatus.PARTIALLY_REFUNDED, paid(), refunded(300, "re_1"), dispute("dp_1", "needs_response"),
                dispute("dp_1", "won"));
    }

    @Test
    void theAccessEachStateGives() {
        assertThat(OrderStatus.PAID.access()).isEqualTo(OrderStatus.Access.ACTIVE);
        assertThat(OrderStatus.PARTIALLY_REFUNDED.access()).isEqualTo(OrderStatus.Access.ACTIVE);
        assertThat(OrderStatus.DISPUTED.access()).isEqualTo(OrderStatus.Access.SUSPENDED);
        assertThat(List.of(OrderStatus.PENDING, OrderStatus.REFUNDED, OrderStatus.REVOKED, OrderStatus.EXPIRED, OrderStatus.FAILED))
                .allSatisfy(s -> assertThat(s.access()).isEqualTo(OrderStatus.Access.NONE));
    }

    @Test
    void aCouponIsHeldUntilTheCheckoutEndsUnpaid() {
        assertThat(apply(List.of(awaiting())).holdsCoupon()).isTrue();
        assertThat(apply(List.of(expired())).holdsCoupon()).isFalse();
        assertThat(apply(List.of(awaiting(), asyncFailed())).holdsCoupon()).isFalse();
        assertThat(apply(List.of(expired(), paid())).holdsCoupon()).isTrue();
    }

    @Test
    void bookedMoneyFollowsPaymentRefundsAndLostDisputes() {
        assertThat(apply(List.of(refunded(500, "re_1"))).bookedGross(TOTAL)).as("nothing before payment").isZero();
        assertThat(apply(List.of(paid(), refunded(500, "re_1"))).bookedGross(TOTAL)).isEqualTo(1_500);
        assertThat(apply(List.of(paid(), dispute("dp_1", "lost"))).bookedGross(TOTAL)).isZero();
    }

    private static void assertEveryOrder(OrderStatus expected, PaymentEvent... events) {
        List<PaymentEvent> all = new ArrayList<>(List.of(events));
        all.addAll(List.of(events));
        for (List<PaymentEvent> order : Permutations.of(List.of(events))) {
            assertThat(apply(order).status(TOTAL)).as("order " + order.stream().map(PaymentEvent::type).toList()).isEqualTo(expected);
            List<PaymentEvent> twice = new ArrayList<>(order);
            twice.addAll(order.reversed());
            assertThat(apply(twice)).as("every event delivered twice").isEqualTo(apply(order));
        }
    }

    private static PaymentFacts apply(List<PaymentEvent> events) {
        PaymentFacts facts = PaymentFacts.NONE;
        for (PaymentEvent event : events) {
            facts = facts.merge(event);
        }
        return facts;
    }

    private static PaymentEvent event(String type, PaymentEvent.Kind kind, long refunded, List<String> refunds, String dispute,
                                      boolean open, boolean lost) {
        return new PaymentEvent("evt_" + (++sequence), type, kind, Instant.ofEpochSecond(1_800_000_000L + sequence), null, "order",
                "pi_1", refunded, refunds, dispute, open, lost);
    }

    private static PaymentEvent paid() {
        return event("checkout.session.completed", PaymentEvent.Kind.PAID, 0, List.of(), null, false, false);
    }

    private static PaymentEvent awaiting() {
        return event("checkout.session.completed", PaymentEvent.Kind.AWAITING_PAYMENT, 0, List.of(), null, false, false);
    }

    private static PaymentEvent asyncPaid() {
        return event("checkout.session.async_payment_succeeded", PaymentEvent.Kind.ASYNC_PAID, 0, List.of(), null, false, false);
    }

    private static PaymentEvent asyncFailed() {
        return event("checkout.session.async_payment_failed", PaymentEvent.Kind.PAYMENT_FAILED, 0, List.of(), null, false, false);
    }

    private static PaymentEvent expired() {
        return event("checkout.session.expired", PaymentEvent.Kind.EXPIRED, 0, List.of(), null, false, false);
    }

    private static PaymentEvent refunded(long cumulative, String... refunds) {
        return event("charge.refunded", PaymentEvent.Kind.CHARGE_REFUNDED, cumulative, List.of(refunds), null, false, false);
    }

    private static PaymentEvent dispute(String id, String status) {
        boolean open = status.equals("needs_response");
        return event(open ? "charge.dispute.created" : "charge.dispute.closed", PaymentEvent.Kind.DISPUTE, 0, List.of(), id, open,
                status.equals("lost"));
    }
}
