package dev.lectern.local.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in alone, driven by stripe-java itself, its webhooks received by a tiny JDK server. */
class StripeStandInIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCT = "Rust <for> \"everyone\" & more";

    private record Delivery(String body, String signature, String contentType) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Statuses the receiver answers, in turn; 200 once they run out. */
    private final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();
    private HttpServer receiver;
    private StripeStandIn stripe;
    private StripeClient client;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/webhooks/stripe", exchange -> {
            try (exchange) {
                deliveries.add(new Delivery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Stripe-Signature"), exchange.getRequestHeaders().getFirst("Content-Type")));
                Integer status = answers.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            }
        });
        receiver.start();
        stripe = StripeStandIn.start(new StripeStandIn.Options(0, Duration.ofMillis(50), 5), null, Clock.systemUTC());
        stripe.setWebhookUrl(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/stripe"));
        client = StripeClient.builder().setApiKey(stripe.apiKey()).setApiBase(stripe.apiBase()).build();
    }

    @AfterEach
    void stop() {
        stripe.close();
        receiver.stop(0);
        http.close();
    }

    private static SessionCreateParams.Builder sessionParams(String orderId, long amount) {
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency("eur")
                                .setUnitAmount(amount)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(PRODUCT).build())
                                .build())
                        .build())
                .setSuccessUrl("https://lectern.test/orders/" + orderId + "?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://lectern.test/orders/" + orderId + "/cancelled")
                .setClientReferenceId(orderId)
                .putMetadata("orderId", orderId)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("orderId", orderId).build())
                .setExpiresAt(Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
    }

    private Session createSession(String orderId, long amount) throws Exception {
        return client.v1().checkout().sessions().create(sessionParams(orderId, amount).build());
    }

    private JsonNode control(String path, String body) throws IOException {
        StripeStandIn.ControlResponse response = stripe.control("POST", path, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Session pay(String orderId, long amount, String outcome) throws Exception {
        Session session = createSession(orderId, amount);
        control("/_local/stripe/checkout/sessions/" + session.getId() + "/complete", "{\"outcome\":\"" + outcome + "\"}");
        return session;
    }

    /** Waits for {@code count} deliveries and verifies each like a receiver would. */
    private List<Event> awaitEvents(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (deliveries.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // nothing more should come
        assertThat(deliveries).hasSize(count);
        List<Event> events = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            assertThat(delivery.contentType()).isEqualTo("application/json; charset=utf-8");
            events.add(Webhook.constructEvent(delivery.body(), delivery.signature(), stripe.webhookSecret(), 300));
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        StripeObject object = event.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(object).isInstanceOf(type);
        return (T) object;
    }

    @Test
    void createsRetrievesAndExpiresASessionThroughStripeJava() throws Exception {
        Session created = createSession("ord_1", 4900);

        assertThat(created.getId()).startsWith("cs_test_");
        assertThat(created.getObject()).isEqualTo("checkout.session");
        assertThat(created.getAmountTotal()).isEqualTo(4900L);
        assertThat(created.getAmountSubtotal()).isEqualTo(4900L);
        assertThat(created.getCurrency()).isEqualTo("eur");
        assertThat(created.getClientReferenceId()).isEqualTo("ord_1");
        assertThat(created.getMetadata()).containsEntry("orderId", "ord_1");
        assertThat(created.getMode()).isEqualTo("payment");
        assertThat(created.getPaymentIntent()).isNull();
        assertThat(created.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(created.getStatus()).isEqualTo("open");
        assertThat(created.getLivemode()).isFalse();
        assertThat(created.getUrl()).isEqualTo(stripe.apiBase() + "/pay/" + created.getId());
        assertThat(created.getSuccessUrl()).isEqualTo("https://lectern.test/orders/ord_1?session={CHECKOUT_SESSION_ID}");

        Session retrieved = client.v1().checkout().sessions().retrieve(created.getId());
        assertThat(retrieved.getId()).isEqualTo(created.getId());
        assertThat(retrieved.getExpiresAt()).isEqualTo(created.getExpiresAt());

        Session expired = client.v1().checkout().sessions().expire(created.getId());
        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThatThrownBy(() -> client.v1().checkout().sessions().expire(created.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.v1().checkout().sessions().retrieve("cs_test_nope"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });

        List<Event> events = awaitEvents(1);
        assertThat(events.getFirst().getType()).isEqualTo("checkout.session.expired");
        assertThat(events.getFirst().getId()).startsWith("evt_");
        assertThat(object(events.getFirst(), Session.class).getStatus()).isEqualTo("expired");
    }

    @Test
    void refusesWhatStripeRefuses() {
        assertThatThrownBy(() -> client.v1().checkout().sessions().create(sessionParams("ord_2", 4900)
                .setExpiresAt(Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("expires_at"));
        assertThatThrownBy(() -> client.v1().checkout().sessions().create(sessionParams("ord_2", 4900)
                .setExpiresAt(Instant.now().plus(Duration.ofHours(25)).getEpochSecond()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("expires_at"));
        assertThatThrownBy(() -> client.v1().checkout().sessions().create(sessionParams("ord_2", 4900)
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("mode");
                });

        StripeClient wrongKey = StripeClient.builder().setApiKey("sk_test_someone_else").setApiBase(stripe.apiBase()).build();
        assertThatThrownBy(() -> wrongKey.v1().checkout().sessions().create(sessionParams("ord_2", 4900).build()))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }

    @Test
    void replaysIdempotentRequestsAndRefusesAKeyReusedWithOtherParameters() throws Exception {
        SessionCreateParams params = sessionParams("ord_3", 4900).build();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("order-ord_3-checkout").build();

        Session first = client.v1().checkout().sessions().create(params, key);
        Session again = client.v1().checkout().sessions().create(params, key);

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThatThrownBy(() -> client.v1().checkout().sessions().create(sessionParams("ord_3", 5900).build(), key))
                .isInstanceOf(IdempotencyException.class);
    }

    @Test
    void payingNowEmitsTheIntentTheChargeThenTheCompletedSession() throws Exception {
        Session session = pay("ord_4", 4900, "paid");

        List<Event> events = awaitEvents(3);
        assertThat(events).extracting(Event::getType)
                .containsExactly("payment_intent.succeeded", "charge.succeeded", "checkout.session.completed");
        Session completed = object(events.get(2), Session.class);
        assertThat(completed.getId()).isEqualTo(session.getId());
        assertThat(completed.getPaymentStatus()).isEqualTo("paid");
        assertThat(completed.getStatus()).isEqualTo("complete");
        assertThat(completed.getClientReferenceId()).isEqualTo("ord_4");
        assertThat(completed.getPaymentIntent()).startsWith("pi_");

        PaymentIntent intent = client.v1().paymentIntents().retrieve(completed.getPaymentIntent());
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmount()).isEqualTo(4900L);
        assertThat(intent.getCurrency()).isEqualTo("eur");
        assertThat(intent.getMetadata()).containsEntry("orderId", "ord_4");
        assertThat(intent.getLatestCharge()).startsWith("ch_");
        assertThat(object(events.getFirst(), PaymentIntent.class).getId()).isEqualTo(intent.getId());

        Charge charge = client.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(charge.getPaymentIntent()).isEqualTo(intent.getId());
        assertThat(charge.getAmount()).isEqualTo(4900L);
        assertThat(charge.getAmountRefunded()).isZero();
        assertThat(charge.getRefunded()).isFalse();
        assertThat(charge.getDisputed()).isFalse();
        assertThat(charge.getMetadata()).containsEntry("orderId", "ord_4");
        assertThat(object(events.get(1), Charge.class).getId()).isEqualTo(charge.getId());

        Session retrieved = client.v1().checkout().sessions().retrieve(session.getId());
        assertThat(retrieved.getPaymentStatus()).isEqualTo("paid");
        assertThat(retrieved.getPaymentIntent()).isEqualTo(intent.getId());
        Session expanded = client.v1().checkout().sessions().retrieve(session.getId(),
                SessionRetrieveParams.builder().addExpand("payment_intent").build());
        assertThat(expanded.getPaymentIntentObject().getLatestCharge()).isEqualTo(charge.getId());
    }

    @Test
    void refundsPartlyThenTheRestAndRefusesMore() throws Exception {
        pay("ord_5", 4900, "paid");
        Session completed = object(awaitEvents(3).get(2), Session.class);
        deliveries.clear();
        String intentId = completed.getPaymentIntent();

        Refund partial = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId).setAmount(1000L)
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).putMetadata("orderId", "ord_5").build());
        assertThat(partial.getId()).startsWith("re_");
        assertThat(partial.getAmount()).isEqualTo(1000L);
        assertThat(partial.getStatus()).isEqualTo("succeeded");
        assertThat(partial.getPaymentIntent()).isEqualTo(intentId);
        assertThat(partial.getMetadata()).containsEntry("orderId", "ord_5");

        assertThatThrownBy(() -> client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId).setAmount(5000L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("amount");
                });

        Refund rest = client.v1().refunds().create(RefundCreateParams.builder().setCharge(partial.getCharge()).build());
        assertThat(rest.getAmount()).isEqualTo(3900L);
        assertThat(client.v1().refunds().retrieve(rest.getId()).getAmount()).isEqualTo(3900L);

        Charge charge = client.v1().charges().retrieve(partial.getCharge());
        assertThat(charge.getAmountRefunded()).isEqualTo(4900L);
        assertThat(charge.getRefunded()).isTrue();
        assertThat(charge.getRefunds()).as("as Stripe since 2022-11-15: a charge does not list its refunds").isNull();
        assertThat(client.v1().refunds().retrieve(partial.getId()).getCharge()).isEqualTo(charge.getId());
        assertThatThrownBy(() -> client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode()).isEqualTo("charge_already_refunded"));

        List<Event> events = awaitEvents(4);
        assertThat(events).extracting(Event::getType)
                .containsExactly("charge.refunded", "refund.created", "charge.refunded", "refund.created");
        assertThat(object(events.get(0), Charge.class).getAmountRefunded()).isEqualTo(1000L);
        assertThat(object(events.get(1), Refund.class).getId()).isEqualTo(partial.getId());
        assertThat(object(events.get(2), Charge.class).getRefunded()).isTrue();
    }

    @Test
    void delayedPaymentsCompleteUnpaidThenSucceedOrFail() throws Exception {
        pay("ord_6", 4900, "async_success");
        List<Event> succeeded = awaitEvents(2);
        assertThat(succeeded).extracting(Event::getType)
                .containsExactly("checkout.session.completed", "checkout.session.async_payment_succeeded");
        Session unpaid = object(succeeded.get(0), Session.class);
        assertThat(unpaid.getStatus()).isEqualTo("complete");
        assertThat(unpaid.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(unpaid.getPaymentIntent()).startsWith("pi_");
        assertThat(object(succeeded.get(1), Session.class).getPaymentStatus()).isEqualTo("paid");
        assertThat(client.v1().paymentIntents().retrieve(unpaid.getPaymentIntent()).getStatus()).isEqualTo("succeeded");

        deliveries.clear();
        pay("ord_7", 4900, "async_failure");
        List<Event> failed = awaitEvents(2);
        assertThat(failed).extracting(Event::getType)
                .containsExactly("checkout.session.completed", "checkout.session.async_payment_failed");
        Session failedSession = object(failed.get(1), Session.class);
        assertThat(failedSession.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(client.v1().paymentIntents().retrieve(failedSession.getPaymentIntent()).getStatus()).isEqualTo("requires_payment_method");
    }

    @Test
    void disputesOpenAndClose() throws Exception {
        pay("ord_8", 4900, "paid");
        Session completed = object(awaitEvents(3).get(2), Session.class);
        String chargeId = client.v1().paymentIntents().retrieve(completed.getPaymentIntent()).getLatestCharge();
        deliveries.clear();

        JsonNode opened = control("/_local/stripe/charges/" + chargeId + "/dispute", "");
        assertThat(opened.path("status").asText()).isEqualTo("needs_response");
        assertThat(client.v1().charges().retrieve(chargeId).getDisputed()).isTrue();
        control("/_local/stripe/charges/" + chargeId + "/dispute", "{\"outcome\":\"lost\"}");
        assertThat(stripe.control("POST", "/_local/stripe/charges/" + chargeId + "/dispute", new byte[0]).status()).isEqualTo(409);

        List<Event> events = awaitEvents(2);
        assertThat(events).extracting(Event::getType).containsExactly("charge.dispute.created", "charge.dispute.closed");
        Dispute created = object(events.get(0), Dispute.class);
        assertThat(created.getId()).startsWith("dp_");
        assertThat(created.getStatus()).isEqualTo("needs_response");
        assertThat(created.getAmount()).isEqualTo(4900L);
        assertThat(created.getCharge()).isEqualTo(chargeId);
        assertThat(created.getPaymentIntent()).isEqualTo(completed.getPaymentIntent());
        assertThat(created.getReason()).isEqualTo("fraudulent");
        assertThat(object(events.get(1), Dispute.class).getStatus()).isEqualTo("lost");
        assertThat(client.v1().disputes().retrieve(created.getId()).getStatus()).isEqualTo("lost");

        // closing with an outcome opens the dispute first when there is none
        pay("ord_9", 4900, "paid");
        awaitEvents(5);
        deliveries.clear();
        String other = latestChargeOf("ord_9");
        control("/_local/stripe/charges/" + other + "/dispute", "{\"outcome\":\"won\"}");
        assertThat(awaitEvents(2)).extracting(Event::getType).containsExactly("charge.dispute.created", "charge.dispute.closed");
    }

    private String latestChargeOf(String orderId) throws IOException {
        JsonNode items = JSON.readTree(stripe.control("GET", "/_local/stripe/events", new byte[0]).body()).path("items");
        for (JsonNode item : items) {
            JsonNode object = item.path("event").path("data").path("object");
            if (object.path("object").asText().equals("charge") && object.path("metadata").path("orderId").asText().equals(orderId)) {
                return object.path("id").asText();
            }
        }
        throw new AssertionError("no charge for " + orderId);
    }

    @Test
    void retriesUntilTheReceiverAnswers2xxAndRecordsEveryAttempt() throws Exception {
        answers.add(500);
        answers.add(500);
        Session session = createSession("ord_10", 4900);
        client.v1().checkout().sessions().expire(session.getId());

        List<Event> events = awaitEvents(3);
        assertThat(events).extracting(Event::getId).containsOnly(events.getFirst().getId());
        JsonNode items = JSON.readTree(stripe.control("GET", "/_local/stripe/events", new byte[0]).body()).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("event").path("type").asText()).isEqualTo("checkout.session.expired");
        assertThat(items.get(0).path("event").path("api_version").asText()).isEqualTo(com.stripe.Stripe.API_VERSION);
        JsonNode attempts = items.get(0).path("attempts");
        assertThat(attempts).extracting(a -> a.path("status").asInt()).containsExactly(500, 500, 200);
        assertThat(Instant.parse(attempts.get(0).path("at").asText())).isBefore(Instant.parse(attempts.get(2).path("at").asText()));
    }

    @Test
    void recordsConnectionFailuresAndGivesUpAfterMaxAttempts() throws Exception {
        stripe.setWebhookUrl(URI.create("http://127.0.0.1:1/webhooks/stripe"));
        Session session = createSession("ord_11", 4900);
        client.v1().checkout().sessions().expire(session.getId());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode attempts;
        do {
            Thread.sleep(50);
            attempts = JSON.readTree(stripe.control("GET", "/_local/stripe/events", new byte[0]).body()).path("items").get(0).path("attempts");
        } while (attempts.size() < 5 && System.nanoTime() < deadline);
        Thread.sleep(1_700); // the 6th would come after 50+100+200+400+800 ms
        attempts = JSON.readTree(stripe.control("GET", "/_local/stripe/events", new byte[0]).body()).path("items").get(0).path("attempts");
        assertThat(attempts).hasSize(5).allSatisfy(a -> assertThat(a.path("error").asText()).isNotEmpty());
    }

    @Test
    void resendsAnEventWithTheSameIdAndAFreshSignature() throws Exception {
        Session session = createSession("ord_12", 4900);
        client.v1().checkout().sessions().expire(session.getId());
        Event first = awaitEvents(1).getFirst();

        StripeStandIn.ControlResponse resent = stripe.control("POST", "/_local/stripe/events/" + first.getId() + "/resend", new byte[0]);
        assertThat(resent.status()).isEqualTo(202);
        List<Event> both = awaitEvents(2);
        assertThat(both.get(1).getId()).isEqualTo(first.getId());
        assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body());
        assertThat(stripe.control("POST", "/_local/stripe/events/evt_nope/resend", new byte[0]).status()).isEqualTo(404);

        assertThatThrownBy(() -> Webhook.constructEvent(deliveries.get(0).body(), deliveries.get(0).signature(), "whsec_other", 300))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void theHostedPageDeclinesThenPaysAndRedirectsToTheSuccessUrl() throws Exception {
        Session session = createSession("ord_13", 4900);
        URI page = URI.create(session.getUrl());

        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(shown.body()).contains("Rust &lt;for&gt; &quot;everyone&quot; &amp; more").doesNotContain(PRODUCT)
                .contains("49.00 EUR").contains("value=\"pay\"").contains("value=\"decline\"");

        HttpResponse<String> declined = http.send(form(page, "action=decline"), HttpResponse.BodyHandlers.ofString());
        assertThat(declined.body()).contains("Your card was declined");
        assertThat(client.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");

        HttpResponse<String> paid = http.send(form(page, "action=pay"), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValue("https://lectern.test/orders/ord_13?session=" + session.getId());
        assertThat(client.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid");
        assertThat(awaitEvents(3)).extracting(Event::getType)
                .containsExactly("payment_intent.succeeded", "charge.succeeded", "checkout.session.completed");
    }

    private static HttpRequest form(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void controlsAnswerConflictsAndUnknownsAsProblems() throws Exception {
        Session session = pay("ord_14", 4900, "paid");

        StripeStandIn.ControlResponse again = stripe.control("POST", "/_local/stripe/checkout/sessions/" + session.getId() + "/complete", new byte[0]);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).isEqualTo("application/problem+json");
        assertThat(stripe.control("POST", "/_local/stripe/checkout/sessions/" + session.getId() + "/expire", new byte[0]).status()).isEqualTo(409);
        assertThat(stripe.control("POST", "/_local/stripe/checkout/sessions/cs_test_nope/complete", new byte[0]).status()).isEqualTo(404);
        assertThat(stripe.control("POST", "/_local/stripe/checkout/sessions/" + session.getId() + "/complete",
                "{\"outcome\":\"maybe\"}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(stripe.control("GET", "/_local/stripe/nothing", new byte[0]).status()).isEqualTo(404);

        assertThat(stripe.info()).containsKeys("apiBase", "apiKey", "webhookSecret", "webhookUrl", "dashboard");
        assertThat(stripe.apiKey()).startsWith("sk_test_local_");
        assertThat(stripe.webhookSecret()).startsWith("whsec_");
    }
}
