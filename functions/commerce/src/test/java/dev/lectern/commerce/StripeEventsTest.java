package dev.lectern.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StripeEventsTest {

    private static String event(String type, String object) {
        return "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"2020-08-27\",\"created\":1800000000,\"type\":\"" + type
                + "\",\"data\":{\"object\":" + object + "}}";
    }

    @Test
    void aCompletedSessionNamesItsOrderAndPayment() {
        PaymentEvent paid = StripeEvents.parse(event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"payment_status\":\"paid\",\"payment_intent\":\"pi_1\","
                        + "\"client_reference_id\":\"ORDER1\",\"metadata\":{\"orderId\":\"ORDER1\"}}"));
        assertThat(paid.kind()).isEqualTo(PaymentEvent.Kind.PAID);
        assertThat(paid.orderId()).isEqualTo("ORDER1");
        assertThat(paid.paymentIntentId()).isEqualTo("pi_1");
        assertThat(paid.apiVersion()).as("read whatever version wrote it").isEqualTo("2020-08-27");
        PaymentEvent awaiting = StripeEvents.parse(event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"payment_status\":\"unpaid\",\"payment_intent\":{\"id\":\"pi_2\"},\"client_reference_id\":\"ORDER1\"}"));
        assertThat(awaiting.kind()).isEqualTo(PaymentEvent.Kind.AWAITING_PAYMENT);
        assertThat(awaiting.paymentIntentId()).as("an expanded reference").isEqualTo("pi_2");
    }

    @Test
    void refundsAndDisputesNameTheirPayment() {
        PaymentEvent refunded = StripeEvents.parse(event("charge.refunded",
                "{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\",\"amount_refunded\":700,\"refunds\":{\"data\":[{\"id\":\"re_1\"}]}}"));
        assertThat(refunded.kind()).isEqualTo(PaymentEvent.Kind.CHARGE_REFUNDED);
        assertThat(refunded.amountRefunded()).isEqualTo(700);
        assertThat(refunded.refundIds()).containsExactly("re_1");
        PaymentEvent lost = StripeEvents.parse(event("charge.dispute.closed", "{\"id\":\"dp_1\",\"payment_intent\":\"pi_1\",\"status\":\"lost\"}"));
        assertThat(lost.disputeLost()).isTrue();
        assertThat(lost.disputeOpen()).isFalse();
        assertThat(StripeEvents.groupOf(event("charge.dispute.closed", "{\"id\":\"dp_1\",\"payment_intent\":\"pi_1\",\"status\":\"lost\"}")))
                .isEqualTo("payment-pi_1");
    }

    @Test
    void whatIsNotOursIsIgnoredAndWhatIsNotAnEventIsRefused() {
        assertThat(StripeEvents.parse(event("customer.created", "{\"id\":\"cus_1\"}")).kind()).isEqualTo(PaymentEvent.Kind.IGNORED);
        assertThat(StripeEvents.parse(event("checkout.session.completed", "{\"id\":\"cs_1\",\"payment_status\":\"paid\"}")).kind())
                .as("a session Lectern did not create").isEqualTo(PaymentEvent.Kind.IGNORED);
        assertThatThrownBy(() -> StripeEvents.parse("{\"id\":\"evt_1\"}")).isInstanceOf(StripeEvents.InvalidEvent.class);
        assertThatThrownBy(() -> StripeEvents.parse("not json")).isInstanceOf(StripeEvents.InvalidEvent.class);
        assertThatThrownBy(() -> StripeEvents.parse(event("charge.dispute.created", "{\"id\":\"dp_1\",\"payment_intent\":\"pi_1\"}")))
                .as("a dispute without its status").isInstanceOf(StripeEvents.InvalidEvent.class);
    }
}
