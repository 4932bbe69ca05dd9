package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.net.Webhook;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paid path end to end, through the local platform and its Stripe stand-in: checkout, the
 * stand-in's signed webhooks, the payments FIFO queue, the payment consumer, and what the learner
 * and the creator then see.
 */
class CommerceEnd2EndTest extends LocalPlatformTest {

    private static final long PRICE = 2_000;
    private static String creator;
    private static String admin;
    private static String webhookSecret;

    @BeforeAll
    static void accounts() {
        creator = signUp(true);
        admin = adminToken();
        webhookSecret = api.get("/_local/info", null).json().at("/stripe/webhookSecret").asText();
    }

    /** A published course at {@link #PRICE} cents with one article lesson: its id and the lesson's. */
    private static String[] paidCourse() {
        String courseId = api.post("/courses", creator, "{\"title\":\"Paid course\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":" + PRICE + ",\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + courseId + "/sections", creator, "{\"title\":\"One\"}").json().get("id").asText();
        String lesson = api.post("/courses/" + courseId + "/lessons", creator, "{\"sectionId\":\"" + section
                + "\",\"title\":\"Text\",\"kind\":\"article\",\"body\":\"# Paid\"}").json().get("id").asText();
        assertThat(api.post("/courses/" + courseId + "/publish", creator, null).status()).isEqualTo(200);
        return new String[] {courseId, lesson};
    }

    private static JsonNode checkout(String learner, String courseId, String coupon) {
        String body = coupon == null ? "{\"courseId\":\"" + courseId + "\"}" : "{\"courseId\":\"" + courseId + "\",\"couponCode\":\"" + coupon + "\"}";
        ApiClient.Response response = api.post("/checkout", learner, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static void stripe(String path, String body) {
        ApiClient.Response response = api.unchecked().send("POST", "/_local/stripe" + path, null, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 299);
    }

    /** A checkout of the course by the learner, paid on the stand-in and applied: the order's id. */
    private static String paidOrder(String learner, String courseId) {
        JsonNode checkout = checkout(learner, courseId, null);
        String orderId = checkout.get("orderId").asText();
        stripe("/checkout/sessions/" + checkout.get("checkoutSessionId").asText() + "/complete", "{\"outcome\":\"paid\"}");
        awaitStatus(learner, orderId, "paid");
        return orderId;
    }

    private static JsonNode order(String token, String orderId) {
        return api.get("/orders/" + orderId, token).json();
    }

    /** Waits (bounded) until the order satisfies {@code done}; the consumer is asynchronous. */
    private static JsonNode awaitOrder(String token, String orderId, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = order(token, orderId);
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("order never got there: " + last);
    }

    private static JsonNode awaitStatus(String token, String orderId, String status) {
        return awaitOrder(token, orderId, o -> o.get("status").asText().equals(status));
    }

    private static int contentStatus(String learner, String[] course) {
        return api.unchecked().send("GET", "/courses/" + course[0] + "/lessons/" + course[1] + "/content", learner, null).status();
    }

    private static boolean inLibrary(String learner, String courseId) {
        for (JsonNode item : api.get("/me/library", learner).json().get("items")) {
            if (item.at("/course/id").asText().equals(courseId)) {
                return true;
            }
        }
        return false;
    }

    /** The objects of every event the stand-in sent, newest first. */
    private static List<JsonNode> stripeObjects() {
        List<JsonNode> objects = new ArrayList<>();
        api.unchecked().send("GET", "/_local/stripe/events", null, null).json().get("items")
                .forEach(item -> objects.add(item.at("/event/data/object")));
        return objects;
    }

    private static String chargeOf(String paymentIntent) {
        return stripeObjects().stream().filter(o -> o.path("object").asText().equals("charge")
                        && o.path("payment_intent").asText().equals(paymentIntent))
                .findFirst().orElseThrow(() -> new AssertionError("no charge for " + paymentIntent)).get("id").asText();
    }

    private static String paymentIntentOf(String orderId) {
        return stripeObjects().stream().filter(o -> o.path("client_reference_id").asText().equals(orderId) && o.hasNonNull("payment_intent"))
                .findFirst().orElseThrow(() -> new AssertionError("no payment for " + orderId)).get("payment_intent").asText();
    }

    @Test
    void buyWithACouponPayAndLearn() {
        String[] course = paidCourse();
        assertThat(api.post("/courses/" + course[0] + "/coupons", creator,
                "{\"code\":\"launch25\",\"percentOff\":25,\"maxRedemptions\":5,\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(7)) + "\"}")
                .status()).isEqualTo(201);
        String learner = signUp(false);
        assertThat(api.post("/courses/" + course[0] + "/enroll", learner, null).status()).as("a paid course needs checkout").isEqualTo(402);
        JsonNode checkout = checkout(learner, course[0], "LAUNCH25");
        assertThat(checkout.at("/total/amount").asLong()).isEqualTo(1_500);
        String orderId = checkout.get("orderId").asText();
        assertThat(order(learner, orderId).get("status").asText()).isEqualTo("pending");
        assertThat(contentStatus(learner, course)).isEqualTo(403);

        stripe("/checkout/sessions/" + checkout.get("checkoutSessionId").asText() + "/complete", "{\"outcome\":\"paid\"}");
        JsonNode paid = awaitStatus(learner, orderId, "paid");
        assertThat(paid.at("/receipt/total/amount").asLong()).isEqualTo(1_500);
        assertThat(paid.at("/discount/amount").asLong()).isEqualTo(500);
        assertThat(inLibrary(learner, course[0])).isTrue();
        assertThat(contentStatus(learner, course)).isEqualTo(200);
        assertThat(api.get("/me/orders", learner).json().at("/items/0/id").asText()).isEqualTo(orderId);
        assertThat(api.get("/courses/" + course[0] + "/coupons", creator).json().at("/items/0/redeemed").asInt()).isEqualTo(1);
        assertThat(api.post("/checkout", learner, "{\"courseId\":\"" + course[0] + "\"}").status()).as("has it already").isEqualTo(409);
        JsonNode earnings = api.get("/creators/me/earnings", creator).json();
        assertThat(earnings.at("/totals/0/currency").asText()).isEqualTo("usd");
        assertThat(earnings.at("/totals/0/gross").asLong()).isGreaterThanOrEqualTo(1_500);
        assertThat(earnings.at("/totals/0/fee").asLong() + earnings.at("/totals/0/net").asLong())
                .isEqualTo(earnings.at("/totals/0/gross").asLong());
        assertThat(api.get("/orders/" + orderId, signUp(false)).status()).as("another's order does not exist").isEqualTo(404);
        assertThat(order(admin, orderId).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void aDeclinedCardOnTheHostedPageLeavesTheOrderPendingAndPayingThereGrantsIt() throws Exception {
        String[] course = paidCourse();
        String learner = signUp(false);
        JsonNode checkout = checkout(learner, course[0], null);
        String orderId = checkout.get("orderId").asText();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> page = browser.send(java.net.http.HttpRequest.newBuilder(URI.create(checkout.get("checkoutUrl").asText()))
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Paid course");
        java.net.http.HttpResponse<String> declined = browser.send(form(checkout.get("checkoutUrl").asText(), "action=decline"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(declined.body()).contains("declined");
        sleep(1_000);
        assertThat(order(learner, orderId).get("status").asText()).as("a declined card changes nothing").isEqualTo("pending");
        assertThat(contentStatus(learner, course)).isEqualTo(403);
        java.net.http.HttpResponse<String> paid = browser.send(form(checkout.get("checkoutUrl").asText(), "action=pay"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/checkout/success?orderId=" + orderId));
        awaitStatus(learner, orderId, "paid");
        assertThat(contentStatus(learner, course)).isEqualTo(200);
    }

    private static java.net.http.HttpRequest form(String url, String body) {
        return java.net.http.HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void delayedPaymentsSucceedOrFail() {
        String[] course = paidCourse();
        String learner = signUp(false);
        JsonNode failing = checkout(learner, course[0], null);
        stripe("/checkout/sessions/" + failing.get("checkoutSessionId").asText() + "/complete", "{\"outcome\":\"async_failure\"}");
        awaitStatus(learner, failing.get("orderId").asText(), "failed");
        assertThat(contentStatus(learner, course)).isEqualTo(403);
        JsonNode succeeding = checkout(learner, course[0], null);
        stripe("/checkout/sessions/" + succeeding.get("checkoutSessionId").asText() + "/complete", "{\"outcome\":\"async_success\"}");
        awaitStatus(learner, succeeding.get("orderId").asText(), "paid");
        assertThat(contentStatus(learner, course)).isEqualTo(200);
    }

    @Test
    void anExpiredCheckoutReleasesItsCoupon() {
        String[] course = paidCourse();
        api.post("/courses/" + course[0] + "/coupons", creator,
                "{\"code\":\"ONLYONE\",\"amountOff\":300,\"maxRedemptions\":1,\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}");
        String first = signUp(false);
        JsonNode held = checkout(first, course[0], "onlyone");
        ApiClient.Response second = api.post("/checkout", signUp(false), "{\"courseId\":\"" + course[0] + "\",\"couponCode\":\"ONLYONE\"}");
        assertThat(second.status()).as("the one redemption is held").isEqualTo(422);
        stripe("/checkout/sessions/" + held.get("checkoutSessionId").asText() + "/expire", null);
        awaitStatus(first, held.get("orderId").asText(), "expired");
        assertThat(api.get("/courses/" + course[0] + "/coupons", creator).json().at("/items/0/redeemed").asInt()).isZero();
        assertThat(checkout(signUp(false), course[0], "ONLYONE").at("/total/amount").asLong()).isEqualTo(PRICE - 300);
    }

    @Test
    void partialThenFullRefund() {
        String[] course = paidCourse();
        String learner = signUp(false);
        String orderId = paidOrder(learner, course[0]);
        ApiClient.Response tooMuch = api.post("/orders/" + orderId + "/refund", learner, "{\"amount\":5000,\"reason\":\"too much\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(api.post("/orders/" + orderId + "/refund", learner, "{\"amount\":500,\"reason\":\"one chapter was missing\"}").status())
                .isEqualTo(202);
        JsonNode partial = awaitStatus(learner, orderId, "partially_refunded");
        assertThat(partial.at("/refunded/amount").asLong()).isEqualTo(500);
        assertThat(contentStatus(learner, course)).as("a partial refund keeps access").isEqualTo(200);
        assertThat(api.post("/orders/" + orderId + "/refund", admin, "{\"reason\":\"goodwill\"}").status()).isEqualTo(202);
        awaitStatus(learner, orderId, "refunded");
        assertThat(contentStatus(learner, course)).as("a full refund removes access").isEqualTo(403);
        assertThat(inLibrary(learner, course[0])).isFalse();
        assertThat(api.post("/orders/" + orderId + "/refund", learner, "{\"reason\":\"again\"}").status()).isEqualTo(409);
    }

    @Test
    void aBuyerWhoCompletedAFifthOfTheLessonsAsksSupportNotTheRefundRoute() {
        String[] course = paidCourse();
        String learner = signUp(false);
        String orderId = paidOrder(learner, course[0]);
        // the course's one lesson completed: 100 % of it
        assertThat(api.send("PUT", "/courses/" + course[0] + "/lessons/" + course[1] + "/progress", learner,
                "{\"positionSeconds\":0,\"completed\":true}").status()).isEqualTo(200);

        ApiClient.Response refused = api.post("/orders/" + orderId + "/refund", learner, "{\"reason\":\"changed my mind\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).contains("20 %");
        assertThat(api.post("/orders/" + orderId + "/refund", admin, "{\"reason\":\"goodwill\"}").status()).as("admins still may").isEqualTo(202);
        awaitStatus(learner, orderId, "refunded");
    }

    @Test
    void aDisputeSuspendsAccessUntilWonAndALostOneRevokesIt() {
        String[] course = paidCourse();
        String learner = signUp(false);
        String orderId = paidOrder(learner, course[0]);
        String charge = chargeOf(paymentIntentOf(orderId));
        stripe("/charges/" + charge + "/dispute", "{}");
        awaitStatus(learner, orderId, "disputed");
        assertThat(contentStatus(learner, course)).as("suspended while disputed").isEqualTo(403);
        stripe("/charges/" + charge + "/dispute", "{\"outcome\":\"won\"}");
        awaitStatus(learner, orderId, "paid");
        assertThat(contentStatus(learner, course)).isEqualTo(200);

        String other = signUp(false);
        String lost = paidOrder(other, course[0]);
        stripe("/charges/" + chargeOf(paymentIntentOf(lost)) + "/dispute", "{\"outcome\":\"lost\"}");
        awaitStatus(other, lost, "revoked");
        assertThat(contentStatus(other, course)).isEqualTo(403);
    }

    @Test
    void aReplayedEventChangesNothing() {
        String[] course = paidCourse();
        String learner = signUp(false);
        String orderId = paidOrder(learner, course[0]);
        long entriesBefore = api.get("/admin/revenue", admin).json().at("/totals/0/entries").asLong();
        for (JsonNode item : api.unchecked().send("GET", "/_local/stripe/events", null, null).json().get("items")) {
            if (item.at("/event/data/object/client_reference_id").asText().equals(orderId)) {
                stripe("/events/" + item.at("/event/id").asText() + "/resend", null);
            }
        }
        sleep(1_500);
        assertThat(api.get("/admin/revenue", admin).json().at("/totals/0/entries").asLong()).isEqualTo(entriesBefore);
        assertThat(order(learner, orderId).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void theWebhookRefusesWhatStripeDidNotSign() throws Exception {
        String event = "{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"created\":1,"
                + "\"data\":{\"object\":{\"id\":\"cs_x\",\"payment_status\":\"paid\",\"client_reference_id\":\"01JDQ5Z8K3M4N5P6Q7R8S9T0V1\"}}}";
        long now = Instant.now().getEpochSecond();
        assertThat(webhook(event, null).status()).as("no signature").isEqualTo(400);
        assertThat(webhook(event, "t=" + now + ",v1=" + "0".repeat(64)).status()).as("forged").isEqualTo(400);
        assertThat(webhook(event, signature(event, now - 600)).status()).as("stale").isEqualTo(400);
        assertThat(webhook("not json", signature("not json", now)).status()).as("signed, but no event").isEqualTo(400);
        String unknownType = event.replace("checkout.session.completed", "customer.created").replace("evt_forged", "evt_unknown_type");
        assertThat(webhook(unknownType, signature(unknownType, now)).status()).as("acknowledged, ignored").isEqualTo(200);
        String unknownOrder = event.replace("evt_forged", "evt_unknown_order");
        assertThat(webhook(unknownOrder, signature(unknownOrder, now)).status()).as("acknowledged").isEqualTo(200);
        String foreign = event.replace("evt_forged", "evt_f\u00fcr\u00eb ign " + "x".repeat(200))
                .replace("01JDQ5Z8K3M4N5P6Q7R8S9T0V1", "another integration's reference " + "r".repeat(200));
        assertThat(webhook(foreign, signature(foreign, now)).status()).as("another integration's session: acknowledged").isEqualTo(200);
        String noObject = "{\"id\":\"evt_no_object\",\"object\":\"event\",\"type\":\"charge.refunded\",\"data\":{\"object\":\"x\"}}";
        assertThat(webhook(noObject, signature(noObject, now)).status()).as("not an event").isEqualTo(400);
        String unsendable = event.replace("evt_forged", "evt_bad_char").replace("cs_x", "cs_x\uFFFF");
        assertThat(webhook(unsendable, signature(unsendable, now)).status()).as("a character no queue message may hold").isEqualTo(400);
        assertThat(api.get("/orders/01JDQ5Z8K3M4N5P6Q7R8S9T0V1", admin).status()).isEqualTo(404);
    }

    @Test
    void theCouponCapHoldsUnderConcurrentCheckouts() throws Exception {
        String[] course = paidCourse();
        api.post("/courses/" + course[0] + "/coupons", creator,
                "{\"code\":\"TEN\",\"percentOff\":10,\"maxRedemptions\":10,\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}");
        List<String> learners;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            // a learner has one open checkout per course: a hundred checkouts take a hundred learners
            List<Callable<String>> signUps = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                signUps.add(() -> signUp(false));
            }
            learners = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(signUps)) {
                learners.add(f.get());
            }
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String learner : learners) {
            calls.add(() -> api.post("/checkout", learner, "{\"courseId\":\"" + course[0] + "\",\"couponCode\":\"TEN\"}").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses).allMatch(s -> s == 201 || s == 422);
        assertThat(api.get("/courses/" + course[0] + "/coupons", creator).json().at("/items/0/redeemed").asInt()).isEqualTo(10);
    }

    @Test
    void aNewCheckoutEndsTheLearnersEarlierOneAndReleasesItsCoupon() {
        String[] course = paidCourse();
        api.post("/courses/" + course[0] + "/coupons", creator,
                "{\"code\":\"HOLD\",\"percentOff\":10,\"maxRedemptions\":1,\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}");
        String learner = signUp(false);
        String first = checkout(learner, course[0], "HOLD").get("orderId").asText();
        JsonNode second = checkout(learner, course[0], null);
        awaitStatus(learner, first, "expired");
        assertThat(api.get("/courses/" + course[0] + "/coupons", creator).json().at("/items/0/redeemed").asInt())
                .as("the ended checkout gave its redemption back").isZero();
        assertThat(order(learner, second.get("orderId").asText()).get("status").asText()).isEqualTo("pending");
    }

    /**
     * Two payments for one course can still happen (a page paid at the moment a new checkout ended
     * it): Stripe's reports are sent here as Stripe would sign them.
     */
    @Test
    void aLearnerWhoPaidTwiceKeepsTheCourseWhenOneOrderIsRefunded() throws Exception {
        String[] course = paidCourse();
        String learner = signUp(false);
        String first = checkout(learner, course[0], null).get("orderId").asText();
        String second = checkout(learner, course[0], null).get("orderId").asText();
        assertThat(signed(paidSession(first))).isEqualTo(200);
        awaitStatus(learner, first, "paid");
        assertThat(signed(paidSession(second))).isEqualTo(200);
        JsonNode duplicate = awaitOrder(learner, second, o -> o.get("status").asText().equals("paid") && o.get("duplicate").asBoolean());
        assertThat(duplicate.get("duplicate").asBoolean()).as("one entitlement for two payments").isTrue();
        assertThat(signed(event("evt_" + first + "_refunded", "charge.refunded", "{\"id\":\"ch_" + first + "\",\"object\":\"charge\","
                + "\"payment_intent\":\"pi_" + first + "\",\"amount\":" + PRICE + ",\"amount_refunded\":" + PRICE + ",\"refunded\":true}"))).isEqualTo(200);
        awaitStatus(learner, first, "refunded");
        JsonNode holder = awaitOrder(learner, second, o -> !o.get("duplicate").asBoolean());
        assertThat(holder.get("status").asText()).isEqualTo("paid");
        assertThat(contentStatus(learner, course)).as("the other paid order holds the course now").isEqualTo(200);
        assertThat(inLibrary(learner, course[0])).isTrue();
    }

    private static String paidSession(String orderId) {
        return event("evt_" + orderId + "_paid", "checkout.session.completed", "{\"id\":\"cs_" + orderId + "\",\"object\":\"checkout.session\","
                + "\"payment_status\":\"paid\",\"status\":\"complete\",\"payment_intent\":\"pi_" + orderId + "\",\"client_reference_id\":\""
                + orderId + "\",\"metadata\":{\"orderId\":\"" + orderId + "\"}}");
    }

    private static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"" + com.stripe.Stripe.API_VERSION + "\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    private static int signed(String body) throws Exception {
        return webhook(body, signature(body, Instant.now().getEpochSecond())).status();
    }

    @Test
    void pricesBelowTheSmallestCardPaymentAreRefusedBeforeStripe() {
        String cheap = api.post("/courses", creator, "{\"title\":\"Cheap\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":30,\"currency\":\"usd\"}}").json().get("id").asText();
        String section = api.post("/courses/" + cheap + "/sections", creator, "{\"title\":\"One\"}").json().get("id").asText();
        api.post("/courses/" + cheap + "/lessons", creator, "{\"sectionId\":\"" + section + "\",\"title\":\"T\",\"kind\":\"article\",\"body\":\"x\"}");
        api.post("/courses/" + cheap + "/publish", creator, null);
        assertThat(api.post("/checkout", signUp(false), "{\"courseId\":\"" + cheap + "\"}").status()).isEqualTo(422);
        String[] course = paidCourse();
        api.post("/courses/" + course[0] + "/coupons", creator,
                "{\"code\":\"ALMOST\",\"percentOff\":99,\"maxRedemptions\":5,\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}");
        ApiClient.Response almostFree = api.post("/checkout", signUp(false), "{\"courseId\":\"" + course[0] + "\",\"couponCode\":\"ALMOST\"}");
        assertThat(almostFree.status()).isEqualTo(422);
        assertThat(almostFree.json().at("/errors/0/field").asText()).isEqualTo("couponCode");
        assertThat(api.get("/courses/" + course[0] + "/coupons", creator).json().at("/items/0/redeemed").asInt()).isZero();
        assertThat(api.unchecked().send("GET", "/creators/me/earnings?to=%2B999999999-12", creator, null).status()).isEqualTo(400);
        assertThat(api.unchecked().send("GET", "/admin/revenue?from=9999-12&to=%2B10000-01", admin, null).status()).isEqualTo(400);
    }

    @Test
    void checkoutRefusesWhatCannotBeBought() {
        String free = api.post("/courses", creator, "{\"title\":\"Free\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":0,\"currency\":\"usd\"}}").json().get("id").asText();
        String learner = signUp(false);
        assertThat(api.post("/checkout", learner, "{\"courseId\":\"" + free + "\"}").status()).as("a draft").isEqualTo(404);
        String[] course = paidCourse();
        assertThat(api.post("/checkout", creator, "{\"courseId\":\"" + course[0] + "\"}").status()).as("its creator").isEqualTo(403);
        assertThat(api.post("/checkout", learner, "{\"courseId\":\"" + course[0] + "\",\"couponCode\":\"NOPE\"}").status()).isEqualTo(422);
        assertThat(api.post("/checkout", learner, "{\"courseId\":\"" + course[0] + "\",\"couponCode\":1}").status()).isEqualTo(400);
        assertThat(api.post("/checkout", learner, "{}").status()).isEqualTo(400);
        String key = "checkout-" + java.util.UUID.randomUUID();
        ApiClient.Response first = api.send("POST", "/checkout", learner, "{\"courseId\":\"" + course[0] + "\"}", Map.of("Idempotency-Key", key));
        ApiClient.Response again = api.send("POST", "/checkout", learner, "{\"courseId\":\"" + course[0] + "\"}", Map.of("Idempotency-Key", key));
        assertThat(again.json().get("orderId").asText()).isEqualTo(first.json().get("orderId").asText());
    }

    private static ApiClient.Response webhook(String body, String signature) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json"));
        if (signature != null) {
            headers.put("Stripe-Signature", signature);
        }
        return api.raw("POST", "/webhooks/stripe", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String signature(String body, long timestamp) throws Exception {
        return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(webhookSecret, timestamp + "." + body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
