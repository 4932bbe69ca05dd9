package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.lectern.commerce.StripeEvents;
import dev.lectern.core.http.Json;
import dev.lectern.core.resources.ResourceId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The storm: 200 orders driven through every outcome on the Stripe stand-in, their ~1,000 events
 * captured, then delivered to the webhook 1–3 times each, shuffled, with 10 % of the payment
 * consumer's invocations failing (before it runs, or after it has done its work) and five poison
 * events among them. Every order must end in the state its scenario names, with exactly the
 * entitlements and ledger entries that state implies, nothing left in flight and only the poison
 * in the DLQ.
 */
class PaymentStormEnd2EndTest extends LocalPlatformTest {

    private static final int ORDERS = 200;
    private static final int POISON = 5;
    private static final long SEED = 20261128L;

    /** What the stand-in is made to do for an order, and what the order must end as. */
    enum Scenario {
        PAID("paid", true), PAID_AGAIN("paid", true), PARTIAL_REFUND("partially_refunded", true), FULL_REFUND("refunded", false),
        REFUND_IN_TWO("refunded", false), DISPUTE_WON("paid", true), DISPUTE_LOST("revoked", false), EXPIRED("expired", false),
        ASYNC_FAILURE("failed", false), ASYNC_SUCCESS("paid", true);

        final String status;
        final boolean entitled;

        Scenario(String status, boolean entitled) {
            this.status = status;
            this.entitled = entitled;
        }

        /** What the order has earned at the end, by construction of the scenario. */
        long booked(long total) {
            return switch (this) {
                case PAID, PAID_AGAIN, DISPUTE_WON, ASYNC_SUCCESS -> total;
                case PARTIAL_REFUND -> total - 300;
                default -> 0;
            };
        }
    }

    record Bought(String orderId, String sessionId, String userId, String courseId, long total, Scenario scenario) {
    }

    @Test
    void everyOrderEndsRightWhateverTheDeliveries() throws Exception {
        String creator = signUp(true);
        String creatorId = com.auth0.jwt.JWT.decode(creator).getSubject();
        List<String> courses = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            courses.add(paidCourse(creator, 1_000 + 100L * c));
        }
        List<String> learners = new ArrayList<>();
        for (int l = 0; l < 20; l++) {
            learners.add(signUp(false));
        }
        List<Bought> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String learner = learners.get(i % learners.size());
            JsonNode checkout = api.post("/checkout", learner, "{\"courseId\":\"" + courses.get(i / learners.size()) + "\"}").json();
            orders.add(new Bought(checkout.get("orderId").asText(), checkout.get("checkoutSessionId").asText(),
                    com.auth0.jwt.JWT.decode(learner).getSubject(), courses.get(i / learners.size()), checkout.at("/total/amount").asLong(),
                    Scenario.values()[i % Scenario.values().length]));
        }

        // the events Stripe would send, captured instead of delivered
        ConcurrentLinkedQueue<String> captured = new ConcurrentLinkedQueue<>();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            captured.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        try {
            platform.stripe().setWebhookUrl(URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/"));
            drive(orders);
            awaitAllDelivered();
        } finally {
            platform.stripe().setWebhookUrl(URI.create(platform.apiUrl() + "/webhooks/stripe"));
            sink.stop(0);
        }
        Map<String, String> events = new LinkedHashMap<>();
        for (String body : captured) {
            events.put(Json.mapper().readTree(body).get("id").asText(), body);
        }
        assertThat(events.size()).as("events for 200 orders").isGreaterThan(700);

        Random random = new Random(SEED);
        // a copy is a webhook delivery, or — for half the repeats — a redelivery that comes after the
        // queue's five-minute deduplication window (sent to the queue with a fresh deduplication id),
        // which only the consumer's own record of applied events can stop
        List<String> deliveries = new ArrayList<>();
        List<String> late = new ArrayList<>();
        events.values().forEach(body -> {
            deliveries.add(body);
            for (int copies = random.nextInt(3); copies > 0; copies--) {
                (random.nextBoolean() ? deliveries : late).add(body);
            }
        });
        for (int p = 0; p < POISON; p++) {
            deliveries.add("{\"id\":\"evt_poison_" + p + "\",\"object\":\"event\",\"type\":\"charge.dispute.created\",\"created\":1,"
                    + "\"data\":{\"object\":{\"id\":\"dp_poison\",\"payment_intent\":\"pi_poison\"}}}");
        }
        Collections.shuffle(deliveries, random);
        Collections.shuffle(late, random);
        platform.injectConsumerFailures("payment-events", 0.10, 3, SEED);
        String secret = platform.stripe().webhookSecret();
        List<Callable<Integer>> posts = new ArrayList<>();
        ConcurrentLinkedQueue<Long> webhookMicros = new ConcurrentLinkedQueue<>();
        deliveries.forEach(body -> posts.add(() -> {
            long t = Instant.now().getEpochSecond();
            String signature = "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + body);
            long started = System.nanoTime();
            int status = api.raw("POST", "/webhooks/stripe", Map.of("Content-Type", "application/json", "Stripe-Signature", signature),
                    body.getBytes(StandardCharsets.UTF_8)).status();
            webhookMicros.add((System.nanoTime() - started) / 1_000);
            return status;
        }));
        String queueUrl = platform.emulators().resources().queueUrls().get(ResourceId.PAYMENTS_QUEUE);
        for (int i = 0; i < late.size(); i++) {
            String body = late.get(i);
            String dedup = Json.mapper().readTree(body).get("id").asText() + "-late-" + i;
            posts.add(() -> {
                platform.emulators().sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)
                        .messageGroupId(StripeEvents.groupOf(body)).messageDeduplicationId(dedup));
                return 200;
            });
        }
        Collections.shuffle(posts, random);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (var status : pool.invokeAll(posts)) {
                assertThat(status.get()).as("every signed delivery is acknowledged").isEqualTo(200);
            }
        }
        long[] micros = webhookMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("payment storm: %d orders, %d events, %d webhook deliveries, %d late redeliveries; webhook round trip "
                        + "through the local gateway, 8 clients: median %.1f ms, p99 %.1f ms, max %.1f ms%n", orders.size(), events.size(),
                deliveries.size(), late.size(), micros[micros.length / 2] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0,
                micros[micros.length - 1] / 1000.0);
        awaitQueueDrained();
        platform.injectConsumerFailures("payment-events", 0, 0, SEED);

        String admin = adminToken();
        Map<String, long[]> ledger = ledgerByOrder(creatorId);
        long expectedGross = 0;
        for (Bought order : orders) {
            JsonNode view = api.get("/orders/" + order.orderId(), admin).json();
            assertThat(view.get("status").asText()).as(order.scenario() + " " + order.orderId()).isEqualTo(order.scenario().status);
            assertThat(entitlement(order)).as("entitlement of " + order.scenario() + " " + order.orderId())
                    .isEqualTo(order.scenario().entitled);
            long[] sums = ledger.getOrDefault(order.orderId(), new long[3]);
            assertThat(sums[0]).as("ledger gross of " + order.scenario() + " " + order.orderId()).isEqualTo(order.scenario().booked(order.total()));
            assertThat(sums[1] + sums[2]).as("fee + net = gross").isEqualTo(sums[0]);
            expectedGross += order.scenario().booked(order.total());
        }
        JsonNode earnings = api.get("/creators/me/earnings", creator).json();
        assertThat(earnings.at("/totals/0/gross").asLong()).as("earnings = orders").isEqualTo(expectedGross);
        assertThat(queueDepth(ResourceId.PAYMENTS_QUEUE, false)).as("nothing left in flight").isZero();
        assertThat(queueDepth(ResourceId.PAYMENTS_QUEUE, true)).as("the poison, and only it, in the DLQ").isEqualTo(POISON);
    }

    private static String paidCourse(String creator, long price) {
        String courseId = api.post("/courses", creator, "{\"title\":\"Storm " + price + "\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":" + price + ",\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"One\"}").json().get("id").asText();
        api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + section
                + "\",\"title\":\"Text\",\"kind\":\"article\",\"body\":\"# Paid\"}");
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        return courseId;
    }

    /** Each order through its scenario on the stand-in, with Stripe's own client where a learner or Stripe would act. */
    private static void drive(List<Bought> orders) throws Exception {
        StripeClient stripe = StripeClient.builder().setApiKey(platform.stripe().apiKey()).setApiBase(platform.stripe().apiBase()).build();
        for (Bought order : orders) {
            String session = "/checkout/sessions/" + order.sessionId();
            switch (order.scenario()) {
                case EXPIRED -> control(session + "/expire", null);
                case ASYNC_FAILURE -> control(session + "/complete", "{\"outcome\":\"async_failure\"}");
                case ASYNC_SUCCESS -> control(session + "/complete", "{\"outcome\":\"async_success\"}");
                default -> control(session + "/complete", "{\"outcome\":\"paid\"}");
            }
            String paymentIntent = stripe.v1().checkout().sessions().retrieve(order.sessionId()).getPaymentIntent();
            switch (order.scenario()) {
                case PARTIAL_REFUND -> refund(stripe, paymentIntent, 300L);
                case FULL_REFUND -> refund(stripe, paymentIntent, null);
                case REFUND_IN_TWO -> {
                    refund(stripe, paymentIntent, 300L);
                    refund(stripe, paymentIntent, null);
                }
                case DISPUTE_WON, DISPUTE_LOST -> {
                    String charge = stripe.v1().paymentIntents().retrieve(paymentIntent).getLatestCharge();
                    control("/charges/" + charge + "/dispute", "{}");
                    control("/charges/" + charge + "/dispute", order.scenario() == Scenario.DISPUTE_WON ? "{\"outcome\":\"won\"}"
                            : "{\"outcome\":\"lost\"}");
                }
                default -> {
                }
            }
        }
    }

    private static void refund(StripeClient stripe, String paymentIntent, Long amount) throws Exception {
        RefundCreateParams.Builder params = RefundCreateParams.builder().setPaymentIntent(paymentIntent);
        if (amount != null) {
            params.setAmount(amount);
        }
        stripe.v1().refunds().create(params.build());
    }

    private static void control(String path, String body) {
        ApiClient.Response response = api.unchecked().send("POST", "/_local/stripe" + path, null, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 299);
    }

    /** Until every event the stand-in sent has had a delivery answered 200 (by the sink). */
    private static void awaitAllDelivered() {
        await(() -> {
            for (JsonNode item : api.unchecked().send("GET", "/_local/stripe/events", null, null).json().get("items")) {
                boolean delivered = false;
                for (JsonNode attempt : item.get("attempts")) {
                    delivered |= attempt.path("status").asInt() == 200;
                }
                if (!delivered) {
                    return false;
                }
            }
            return true;
        }, "every captured event delivered to the sink");
    }

    private static void awaitQueueDrained() {
        await(() -> queueDepth(ResourceId.PAYMENTS_QUEUE, false) == 0 && queueDepth(ResourceId.PAYMENTS_QUEUE, true) >= POISON,
                "the payments queue drained");
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int queueDepth(ResourceId queue, boolean deadLetters) {
        var resources = platform.emulators().resources();
        String url = deadLetters ? resources.deadLetterQueueUrls().get(queue) : resources.queueUrls().get(queue);
        Map<QueueAttributeName, String> attributes = platform.emulators().sqs().getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static boolean entitlement(Bought order) {
        var item = platform.emulators().dynamoDb().getItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(Map.of("PK", AttributeValue.fromS("ENTITLEMENTS#" + order.userId()), "SK", AttributeValue.fromS("COURSE#" + order.courseId())))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** The creator's ledger summed per order: gross, fee, net. */
    private static Map<String, long[]> ledgerByOrder(String creatorId) {
        Map<String, long[]> sums = new HashMap<>();
        platform.emulators().dynamoDb().queryPaginator(b -> b.tableName(platform.emulators().resources().tableName())
                        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEDGER#" + creatorId))))
                .items().forEach(item -> {
                    long[] s = sums.computeIfAbsent(item.get("orderId").s(), k -> new long[3]);
                    s[0] += Long.parseLong(item.get("gross").n());
                    s[1] += Long.parseLong(item.get("fee").n());
                    s[2] += Long.parseLong(item.get("net").n());
                });
        return sums;
    }
}
