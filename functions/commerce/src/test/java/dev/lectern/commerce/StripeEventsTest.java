package dev.lectern.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
                        + "\"client_reference_id\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\",\"metadata\":{\"orderId\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\"}}"));
        assertThat(paid.kind()).isEqualTo(PaymentEvent.Kind.PAID);
        assertThat(paid.orderId()).isEqualTo("01JDQ5Z8K3M4N5P6Q7R8S9T0V1");
        assertThat(paid.paymentIntentId()).isEqualTo("pi_1");
        assertThat(paid.apiVersion()).as("read whatever version wrote it").isEqualTo("2020-08-27");
        PaymentEvent awaiting = StripeEvents.parse(event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"payment_status\":\"unpaid\",\"payment_intent\":{\"id\":\"pi_2\"},\"client_reference_id\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\"}"));
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
                .as("one group per payment").isEqualTo(StripeEvents.groupOf(event("charge.refunded",
                        "{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\",\"amount_refunded\":700}")));
    }

    @Test
    void aDisputeStatusNotKnownHereStaysOpenSoALaterLossStillCounts() {
        PaymentEvent unknown = StripeEvents.parse(event("charge.dispute.updated",
                "{\"id\":\"dp_1\",\"payment_intent\":\"pi_1\",\"status\":\"some_future_status\"}"));
        assertThat(unknown.disputeOpen()).isTrue();
        PaymentEvent prevented = StripeEvents.parse(event("charge.dispute.closed", "{\"id\":\"dp_1\",\"payment_intent\":\"pi_1\",\"status\":\"prevented\"}"));
        assertThat(prevented.disputeOpen()).isFalse();
        assertThat(prevented.disputeLost()).isFalse();
        PaymentEvent lost = StripeEvents.parse(event("charge.dispute.closed", "{\"id\":\"dp_1\",\"payment_intent\":\"pi_1\",\"status\":\"lost\"}"));
        PaymentFacts facts = PaymentFacts.NONE.merge(StripeEvents.parse(event("checkout.session.completed",
                        "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"payment_intent\":\"pi_1\",\"client_reference_id\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\"}")))
                .merge(unknown).merge(lost);
        assertThat(facts.status(100)).isEqualTo(OrderStatus.REVOKED);
    }

    @Test
    void refundIdsComeWithTheirOwnEvents() {
        PaymentEvent refund = StripeEvents.parse(event("refund.created", "{\"id\":\"re_9\",\"payment_intent\":\"pi_1\",\"amount\":100}"));
        assertThat(refund.kind()).isEqualTo(PaymentEvent.Kind.REFUND_RECORDED);
        assertThat(PaymentFacts.NONE.merge(refund).refundIds()).containsExactly("re_9");
        assertThat(PaymentFacts.NONE.merge(refund).amountRefunded()).as("the money comes with charge.refunded").isZero();
    }

    @Test
    void anotherIntegrationsReferencesAreNotOursAndGroupsAreAlwaysValid() {
        String foreign = event("checkout.session.completed", "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"client_reference_id\":\""
                + "user 42 \u00fcn\u00ef" + "r".repeat(200) + "\"}");
        assertThat(StripeEvents.parse(foreign).kind()).isEqualTo(PaymentEvent.Kind.IGNORED);
        for (String json : List.of(foreign, "not json", event("charge.refunded", "{\"id\":\"ch_1\",\"payment_intent\":\"pi_" + "x".repeat(300) + "\"}"))) {
            assertThat(StripeEvents.groupOf(json)).matches("[0-9a-f]{64}");
        }
        String order = event("checkout.session.expired", "{\"id\":\"cs_1\",\"client_reference_id\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\"}");
        String sameOrder = event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"metadata\":{\"orderId\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\"}}");
        assertThat(StripeEvents.groupOf(order)).as("one group per order").isEqualTo(StripeEvents.groupOf(sameOrder));
    }

    @Test
    void theSampleMessageOfThePaymentsQueueIsAPaidOrder() throws Exception {
        String body = dev.lectern.core.http.Json.mapper().readTree(dev.lectern.events.SampleEvents.text("payment-events.sqs.json"))
                .at("/Records/0/body").asText();
        PaymentEvent event = StripeEvents.parse(body);
        assertThat(event.kind()).isEqualTo(PaymentEvent.Kind.PAID);
        assertThat(event.orderId()).isEqualTo("01JDQ5Z8K3M4N5P6Q7R8S9T0V1");
        assertThat(event.paymentIntentId()).isEqualTo("pi_3SampleIntent0000000000");
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
