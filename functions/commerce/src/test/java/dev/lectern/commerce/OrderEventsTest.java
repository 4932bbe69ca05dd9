package dev.lectern.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.EventEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour events of an order's changes ({@link PaymentEventProcessor#orderEvents}) follow from
 * facts that only grow: in every arrival order of Stripe's events, each delivered twice, an order
 * emits {@code order_paid} once with its total and {@code order_refunded} amounts that add up to
 * what went back, and a repeated event emits nothing.
 */
class OrderEventsTest {

    private static final long TOTAL = 2_000;
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static int sequence;

    @Test
    void aPaymentAndTwoRefundsInAnyOrderEmitOnePaymentAndTheRefundedAmounts() {
        assertEveryOrder(List.of(paid(), refunded(500, "re_1"), refunded(1_200, "re_1", "re_2")), 1_200);
    }

    @Test
    void aLostDisputeEmitsWhatWasStillBookedOnce() {
        assertEveryOrder(List.of(paid(), refunded(300, "re_1"), dispute("lost")), TOTAL);
        assertEveryOrder(List.of(paid(), dispute("open"), dispute("won")), 0);
    }

    @Test
    void anUnpaidOrderEmitsNothingEvenWhenARefundIsReported() {
        Order order = order();
        Order after = order.with(order.facts().merge(refunded(500, "re_1")), Order.Entitlement.NONE, false, false);

        assertThat(PaymentEventProcessor.orderEvents(order, after, NOW, "c")).isEmpty();
    }

    private static void assertEveryOrder(List<PaymentEvent> events, long refunded) {
        for (List<PaymentEvent> arrival : Permutations.of(events)) {
            List<PaymentEvent> twice = new ArrayList<>();
            arrival.forEach(e -> {
                twice.add(e);
                twice.add(e);
            });
            List<EventEnvelope> emitted = new ArrayList<>();
            Order order = order();
            for (PaymentEvent event : twice) {
                Order after = order.with(order.facts().merge(event), order.entitlement(), false, false);
                emitted.addAll(PaymentEventProcessor.orderEvents(order, after, NOW, "corr"));
                order = after;
            }
            String as = "arrival " + arrival.stream().map(PaymentEvent::eventId).toList();
            assertThat(emitted.stream().filter(e -> e.type().equals("behaviour.order_paid"))
                    .map(e -> e.payload().get("amount").asLong())).as(as).containsExactly(TOTAL);
            assertThat(emitted.stream().filter(e -> e.type().equals("behaviour.order_refunded"))
                    .mapToLong(e -> e.payload().get("amount").asLong()).sum()).as(as).isEqualTo(refunded);
            assertThat(emitted).as(as).allSatisfy(e -> assertThat(e.correlationId()).isEqualTo("corr"));
        }
    }

    private static Order order() {
        return new Order("01JDQ5Y0000000000000000R01", "01JDQ5Y0000000000000000U01", "01JDQ5Y0000000000000000C01",
                "01JDQ5Y0000000000000000U02", "A course", TOTAL, 0, TOTAL, "usd", null, 2000, "cs_1", NOW, NOW,
                PaymentFacts.NONE, Order.Entitlement.NONE, false, false, 1);
    }

    private static PaymentEvent paid() {
        return new PaymentEvent("evt_" + (++sequence), "checkout.session.completed", PaymentEvent.Kind.PAID,
                Instant.ofEpochSecond(1_800_000_000L + sequence), null, "order", "pi_1", 0, List.of(), null, false, false);
    }

    private static PaymentEvent refunded(long cumulative, String... refunds) {
        return new PaymentEvent("evt_" + (++sequence), "charge.refunded", PaymentEvent.Kind.CHARGE_REFUNDED,
                Instant.ofEpochSecond(1_800_000_000L + sequence), null, "order", "pi_1", cumulative, List.of(refunds), null, false, false);
    }

    private static PaymentEvent dispute(String state) {
        return new PaymentEvent("evt_" + (++sequence), "charge.dispute." + state, PaymentEvent.Kind.DISPUTE,
                Instant.ofEpochSecond(1_800_000_000L + sequence), null, "order", "pi_1", 0, List.of(), "dp_1",
                state.equals("open"), state.equals("lost"));
    }
}
