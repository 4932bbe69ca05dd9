package dev.lectern.commerce;

import static dev.lectern.core.resources.ResourceId.PAYMENTS_QUEUE;
import static dev.lectern.core.resources.ResourceId.STRIPE_KEYS;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.send;

import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.QueryParameter;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The commerce context's functions: learners buy courses through Stripe Checkout, Stripe's
 * webhooks reach the payment consumer through the payments FIFO queue, creators see their
 * earnings and admins the platform's revenue.
 */
public final class CommerceFunctions implements ContextFunctions {

    static final String MODULE = "commerce";
    /** Orders, payment links, applied Stripe events, coupons and the ledger (CommerceStore). */
    static final TableKeys KEYS = TableKeys.of(CommerceStore.ORDER_PREFIX, CommerceStore.USER_ORDERS_PREFIX,
            CommerceStore.PAYMENT_PREFIX, CommerceStore.EVENT_PREFIX, CommerceStore.COUPON_PREFIX, CommerceStore.LEDGER_PREFIX,
            CommerceStore.EARNINGS_PREFIX);
    /** What a checkout reads besides its own items: the course's sale fields and the learner's entitlement. */
    static final TableKeys CATALOG_READS = Courses.KEYS.and(Entitlements.KEYS);
    /** The payment consumer: an order's change commits with the entitlement, the enrolment counter and the ledger. */
    static final TableKeys PAYMENT_WRITES = KEYS.and(Courses.KEYS).and(Entitlements.KEYS);

    /** Stripe's events are a few kilobytes; the queue takes 256 KiB with the message's attributes. */
    static final int MAX_WEBHOOK_BYTES = 192 * 1024;

    /** The months of an earnings or revenue report, both included (CommerceService.range). */
    private static final QueryParameter FROM_MONTH = QueryParameter.matching("from", CommerceService.MONTH_PATTERN,
            "The first month, YYYY-MM (1970-01 to 9999-12); default eleven months before to. The report spans at most "
                    + "24 months, both included");
    private static final QueryParameter TO_MONTH = QueryParameter.matching("to", CommerceService.MONTH_PATTERN,
            "The last month, YYYY-MM (1970-01 to 9999-12); default this month (UTC)");

    private static final List<Route> ROUTES = List.of(
            Route.post("/checkout").id("checkout")
                    .handler(MODULE, CheckoutHandler.class)
                    .audience(Audience.LEARNER)
                    .problems(ProblemType.FORBIDDEN, ProblemType.NOT_FOUND, ProblemType.CONFLICT, ProblemType.UNPROCESSABLE)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS), read(CATALOG_READS), read(STRIPE_KEYS))
                    .summary("Buy a course: a pending order at today's price (less the coupon) and a Stripe Checkout Session to pay it on "
                            + "(409 when the caller has it or it is free, 422 for an unusable coupon)")
                    .request("CheckoutRequest", CommerceRequests.CheckoutRequest.class, 4 * 1024).responds(201, "Checkout")
                    .idempotent()
                    .build(),
            Route.get("/me/orders").id("my-orders")
                    .handler(MODULE, MyOrdersHandler.class)
                    .audience(Audience.SIGNED_IN).problems(ProblemType.VALIDATION)
                    .auth(Auth.USER).memory(512)
                    .access(read(KEYS))
                    .summary("The caller's orders, newest first; limit and cursor")
                    .query(QueryParameter.integer("limit", 1, 100, "Orders per page").withDefault(20), QueryParameter.cursor())
                    .responds(200, "OrderPage")
                    .build(),
            Route.get("/orders/{orderId}").id("get-order")
                    .handler(MODULE, GetOrderHandler.class)
                    .audience(Audience.BUYER)
                    .auth(Auth.USER).memory(512)
                    .access(read(KEYS))
                    .summary("An order with its refunds, disputes and receipt, for its buyer and admins (404 for anyone else)")
                    .responds(200, "Order")
                    .build(),
            Route.post("/orders/{orderId}/refund").id("refund-order")
                    .handler(MODULE, RefundOrderHandler.class)
                    .audience(Audience.BUYER).problems(ProblemType.FORBIDDEN, ProblemType.CONFLICT, ProblemType.UNPROCESSABLE)
                    .auth(Auth.USER).memory(512)
                    .access(read(KEYS.and(Courses.KEYS).and(Progress.KEYS)), read(STRIPE_KEYS))
                    .summary("Ask Stripe for a refund (all that is left unless amount): admins any time, the buyer within 14 days of "
                            + "paying and under 20 % of the lessons completed; the order changes when Stripe reports it")
                    .request("RefundRequest", CommerceRequests.RefundRequest.class, 4 * 1024).responds(202, "RefundRequested")
                    .build(),
            Route.post("/webhooks/stripe").id("stripe-webhook")
                    .handler(MODULE, StripeWebhookHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.VALIDATION, ProblemType.PAYLOAD_TOO_LARGE)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(send(PAYMENTS_QUEUE), read(STRIPE_KEYS))
                    .summary("Stripe's webhook: the Stripe-Signature is verified over the raw body (5 minutes' tolerance), the event "
                            + "queued for the payment consumer, 200; 400 for a bad signature, timestamp or body")
                    .maxBody(MAX_WEBHOOK_BYTES).responds(200, "WebhookReceipt")
                    .build(),
            Route.post("/courses/{courseId}/coupons").id("create-coupon")
                    .handler(MODULE, CreateCouponHandler.class)
                    .audience(Audience.OWNER).problems(ProblemType.FORBIDDEN, ProblemType.CONFLICT)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), read(Courses.KEYS))
                    .summary("A coupon for the course: percentOff or amountOff, maxRedemptions, expiresAt (409 for a code it has)")
                    .request("CouponFields", CommerceRequests.CouponFields.class, 4 * 1024).responds(201, "Coupon")
                    .idempotent()
                    .build(),
            Route.get("/courses/{courseId}/coupons").id("list-coupons")
                    .handler(MODULE, ListCouponsHandler.class)
                    .audience(Audience.OWNER).problems(ProblemType.FORBIDDEN, ProblemType.VALIDATION)
                    .auth(Auth.CREATOR).memory(512)
                    .access(read(KEYS), read(Courses.KEYS))
                    .summary("The course's coupons with the redemptions each holds; limit and cursor")
                    .query(QueryParameter.integer("limit", 1, 100, "Coupons per page").withDefault(50), QueryParameter.cursor())
                    .responds(200, "CouponPage")
                    .build(),
            Route.get("/creators/me/earnings").id("my-earnings")
                    .handler(MODULE, EarningsHandler.class)
                    .audience(Audience.CREATOR).problems(ProblemType.VALIDATION)
                    .auth(Auth.CREATOR).memory(512)
                    .access(read(KEYS))
                    .summary("The caller's earnings from month to month (yyyy-MM, both included; default the last twelve): gross, "
                            + "platform fee and net per currency and per month")
                    .query(FROM_MONTH, TO_MONTH)
                    .responds(200, "Earnings")
                    .build(),
            Route.get("/admin/revenue").id("platform-revenue")
                    .handler(MODULE, RevenueHandler.class)
                    .audience(Audience.ADMIN).problems(ProblemType.VALIDATION)
                    .auth(Auth.ADMIN).memory(512)
                    .access(read(KEYS))
                    .summary("The platform's revenue from month to month (yyyy-MM, at most 24 months): gross, fees and creators' net "
                            + "per currency and per month")
                    .query(FROM_MONTH, TO_MONTH)
                    .responds(200, "Earnings")
                    .build());

    /**
     * Stripe's events, one order at a time (FIFO groups): applied once, in any order. Two
     * concurrent batches at most: payments are few and each batch is quick.
     */
    private static final List<Consumer> CONSUMERS = List.of(
            new Consumer("payment-events", PAYMENTS_QUEUE, MODULE, PaymentEventsHandler.class,
                    10, 2, 512, 30, List.of(readWrite(PAYMENT_WRITES), read(STRIPE_KEYS))));

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public List<Consumer> consumers() {
        return CONSUMERS;
    }

    /** Stripe Checkout sends the buyer back to the site's checkout pages ({@link CommerceSettings#siteUrl}). */
    @Override
    public boolean linksToSite() {
        return true;
    }
}
