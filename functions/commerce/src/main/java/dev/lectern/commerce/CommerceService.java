package dev.lectern.commerce;

import dev.lectern.commerce.CommerceViews.Amounts;
import dev.lectern.commerce.CommerceViews.Checkout;
import dev.lectern.commerce.CommerceViews.CouponPage;
import dev.lectern.commerce.CommerceViews.CouponView;
import dev.lectern.commerce.CommerceViews.Earnings;
import dev.lectern.commerce.CommerceViews.Money;
import dev.lectern.commerce.CommerceViews.MonthAmounts;
import dev.lectern.commerce.CommerceViews.OrderPage;
import dev.lectern.commerce.CommerceViews.OrderView;
import dev.lectern.commerce.CommerceViews.RefundRequested;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.money.Currencies;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buying, orders, refunds, coupons and earnings (docs/api.md, "Commerce"). Payment events are
 * applied by {@link PaymentEventProcessor}; this service only starts what Stripe then reports.
 */
@Singleton
public class CommerceService {

    private static final Logger LOG = LoggerFactory.getLogger(CommerceService.class);
    static final Pattern COUPON_CODE = Pattern.compile("[A-Za-z0-9_-]{3,32}");
    /** A month from 1970-01 to 9999-12: a constant, so that the route's entry declares it without loading this class. */
    static final String MONTH_PATTERN = "(19[7-9]\\d|[2-9]\\d{3})-(0[1-9]|1[0-2])";
    private static final Pattern MONTH = Pattern.compile(MONTH_PATTERN);
    private static final int MAX_REDEMPTIONS = 1_000_000;
    private static final Duration MAX_COUPON_LIFE = Duration.ofDays(731);
    private static final int MAX_MONTHS = 24;

    private final CommerceStore store;
    /** Built on first use: the routes that never call Stripe (orders, coupons, earnings) are not granted its keys. */
    private final Provider<PaymentProvider> payments;
    private final CommerceSettings settings;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public CommerceService(CommerceStore store, Provider<PaymentProvider> payments, CommerceSettings settings, Clock clock, BusinessMetrics metrics) {
        this.store = store;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    // --- checkout --------------------------------------------------------------------------------

    /**
     * A pending order at today's price (less the coupon) and a Stripe Checkout Session for it. The
     * session is created first, with the order's id as its idempotency key and in its metadata; the
     * order and the coupon's redemption are then written in one transaction. A session whose order
     * was never written (a crash, a coupon lost to a concurrent checkout) is expired or simply
     * expires: nobody has its URL, and its events name no order of ours.
     */
    public Checkout checkout(Caller caller, CommerceRequests.CheckoutRequest request) {
        new Validator().required("courseId", request.courseId())
                .check(request.courseId() == null || Ids.isId(request.courseId()), "courseId", "is not a course id")
                .matches("couponCode", request.couponCode(), COUPON_CODE, "is 3 to 32 letters, digits, '-' or '_'")
                .throwIfInvalid();
        CommerceStore.CourseForSale course = store.course(request.courseId()).filter(CommerceStore.CourseForSale::published)
                .orElseThrow(() -> ProblemException.notFound("No course " + request.courseId()));
        if (course.creatorId().equals(caller.userId())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You created this course: creators do not buy their own courses");
        }
        if (course.priceAmount() == 0) {
            throw new ProblemException(ProblemType.CONFLICT, "This course is free: enroll with POST /courses/" + course.id() + "/enroll");
        }
        if (store.entitlementSource(caller.userId(), course.id(), false).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "You have this course already (in GET /me/library, or suspended while a payment for it is disputed)");
        }
        Instant now = clock.instant();
        Priced priced = price(course, request.couponCode(), now);
        expireEarlierCheckouts(caller, course.id(), now);
        Optional<Coupon> coupon = priced.coupon();
        long discount = priced.discount();
        String orderId = Ids.newId();
        long total = course.priceAmount() - discount;
        PaymentProvider.CheckoutSession session = createSession(new PaymentProvider.NewCheckout(orderId, caller.userId(), course.id(),
                course.title(), total, course.currency(), now.plus(settings.checkoutTtl()),
                settings.siteUrl() + "/checkout/success?orderId=" + orderId, settings.siteUrl() + "/checkout/cancel?orderId=" + orderId,
                "lectern-checkout-" + orderId));
        Order order = new Order(orderId, caller.userId(), course.id(), course.creatorId(), course.title(), course.priceAmount(), discount,
                total, course.currency(), coupon.map(Coupon::code).orElse(null), settings.feeBasisPoints(), session.id(),
                session.expiresAt(), now, PaymentFacts.NONE, Order.Entitlement.NONE, coupon.isPresent(), false, 0);
        if (!store.createOrder(order, coupon, now)) {
            expireQuietly(session.id());
            throw couponProblem("has no redemptions left");
        }
        metrics.count(CommerceMetrics.CHECKOUTS);
        return new Checkout(orderId, session.id(), session.url(), session.expiresAt(), new Money(total, course.currency()));
    }

    /**
     * One open checkout per learner and course: a new one ends the learner's earlier sessions for
     * the course, so that two open pages cannot both be paid and one learner cannot hold several of
     * a coupon's redemptions. The orders follow when Stripe reports the expiry (their coupons come
     * back then); a session already paid or completing is left alone by Stripe.
     */
    private void expireEarlierCheckouts(Caller caller, String courseId, Instant now) {
        for (Order earlier : store.ordersOf(caller.userId(), courseId)) {
            if (earlier.status() == OrderStatus.PENDING && !earlier.facts().awaitingPayment() && earlier.expiresAt().isAfter(now)) {
                expireQuietly(earlier.checkoutSessionId());
            }
        }
    }

    /** What the learner pays: the course's price less the coupon's discount, with the coupon that gives it. */
    private record Priced(Optional<Coupon> coupon, long discount) {
    }

    /** 422 naming {@code couponCode} for a coupon that cannot be used, or naming the price when it is below a card payment. */
    private Priced price(CommerceStore.CourseForSale course, String couponCode, Instant now) {
        Optional<Coupon> coupon = Optional.empty();
        long discount = 0;
        if (couponCode != null) {
            Coupon found = store.coupon(course.id(), couponCode.toUpperCase(Locale.ROOT))
                    .orElseThrow(() -> couponProblem("no such coupon for this course"));
            if (!found.usableAt(now)) {
                throw couponProblem(now.isBefore(found.validUntil()) ? "has no redemptions left" : "has expired");
            }
            if (found.amountOff() != null && !found.currency().equals(course.currency())) {
                throw couponProblem("is in " + found.currency() + " and the course is priced in " + course.currency());
            }
            discount = found.discountOn(course.priceAmount());
            if (discount >= course.priceAmount()) {
                throw couponProblem("would make the course free; ask its creator for a smaller discount");
            }
            coupon = Optional.of(found);
        }
        long minimum = Currencies.of(course.currency()).map(Currencies.Currency::minCharge).orElse(1L);
        if (course.priceAmount() - discount < minimum) {
            if (coupon.isPresent()) {
                throw couponProblem("would take the price below the smallest card payment (" + minimum + " " + course.currency() + ")");
            }
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The course's price is below the smallest card payment ("
                    + minimum + " " + course.currency() + "); its creator must raise it or make it free");
        }
        return new Priced(coupon, discount);
    }

    private PaymentProvider.CheckoutSession createSession(PaymentProvider.NewCheckout checkout) {
        try {
            return payments.get().createCheckout(checkout);
        } catch (PaymentProvider.ProviderException e) {
            if (e.retryable()) {
                LOG.warn("checkout for order {} failed at Stripe, retryable: {}", checkout.orderId(), e.getMessage());
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE.problem("The payment provider did not answer; retry in a moment"),
                        Map.of("Retry-After", "2"));
            }
            // a refusal that will not change on retry: a bug of ours or a setting of the account (the log says which)
            LOG.error("checkout for order {} refused by Stripe: {}", checkout.orderId(), e.getMessage());
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The payment provider refused this checkout; it has been logged");
        }
    }

    private void expireQuietly(String sessionId) {
        try {
            payments.get().expireCheckout(sessionId);
        } catch (RuntimeException e) {
            LOG.warn("session {} could not be expired now; it expires on its own: {}", sessionId, e.toString());
        }
    }

    private static ProblemException couponProblem(String message) {
        return ProblemException.withErrors(ProblemType.UNPROCESSABLE, "The coupon cannot be used", List.of(new FieldError("couponCode", message)));
    }

    // --- orders ----------------------------------------------------------------------------------

    public OrderPage myOrders(Caller caller, Map<String, String> query) {
        int limit = QueryParameters.integer(query, "limit", 20, 1, 100);
        CommerceStore.Page<Order> page = store.ordersOf(caller.userId(), limit, query.get("cursor"));
        return new OrderPage(page.items().stream().map(OrderView::of).toList(), page.nextCursor());
    }

    /** The order for its buyer or an admin; 404 for anyone else, who may not learn that it exists. */
    public OrderView order(Caller caller, String orderId) {
        return OrderView.of(visibleOrder(caller, orderId));
    }

    private Order visibleOrder(Caller caller, String orderId) {
        return store.order(orderId, false).filter(o -> o.userId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId));
    }

    // --- refunds ---------------------------------------------------------------------------------

    /**
     * Asks Stripe to refund (all that is left by default). Admins may refund any paid order; its
     * buyer within {@link CommerceSettings#refundWindow} of paying and while under
     * {@link #REFUND_PROGRESS_LIMIT} % of the course's lessons are completed. The order changes when Stripe
     * reports the refund ({@code charge.refunded}), not here. The Stripe idempotency key is the
     * order, what was refunded before and the amount: a double click refunds once.
     */
    /** A buyer may ask for a refund while under this share of the course's lessons is completed (admins always may). */
    static final int REFUND_PROGRESS_LIMIT = 20;

    public RefundRequested refund(Caller caller, String orderId, CommerceRequests.RefundRequest request) {
        new Validator().required("reason", request.reason()).length("reason", request.reason(), 1, 500)
                .range("amount", request.amount(), 1, Long.MAX_VALUE).throwIfInvalid();
        Order order = visibleOrder(caller, orderId);
        OrderStatus status = order.status();
        if (status != OrderStatus.PAID && status != OrderStatus.PARTIALLY_REFUNDED) {
            throw new ProblemException(ProblemType.CONFLICT, "An order that is " + status.wireName() + " cannot be refunded");
        }
        boolean admin = caller.isAdmin();
        Instant paidAt = order.facts().paidAt();
        if (!admin && paidAt != null && clock.instant().isAfter(paidAt.plus(settings.refundWindow()))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Refunds can be asked for within " + settings.refundWindow().toDays()
                    + " days of payment; contact support");
        }
        if (!admin && store.standing(order.userId(), order.courseId()).percentComplete() >= REFUND_PROGRESS_LIMIT) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Refunds can be asked for until " + REFUND_PROGRESS_LIMIT
                    + " % of the course's lessons are completed; contact support");
        }
        long left = order.total() - order.facts().amountRefunded();
        long amount = request.amount() == null ? left : request.amount();
        if (amount > left) {
            throw ProblemException.withErrors(ProblemType.UNPROCESSABLE, "More than is left to refund",
                    List.of(new FieldError("amount", "is at most " + left + " (" + order.currency() + " minor units)")));
        }
        String refundId;
        try {
            refundId = payments.get().refund(order.facts().paymentIntentId(), amount, order.id(), request.reason(),
                    "lectern-refund-" + order.id() + "-" + order.facts().amountRefunded() + "-" + amount);
        } catch (PaymentProvider.ProviderException e) {
            LOG.warn("refund of order {} not made by Stripe (retryable: {}): {}", order.id(), e.retryable(), e.getMessage());
            if (e.retryable()) {
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE.problem("The payment provider did not answer; retry in a moment"),
                        Map.of("Retry-After", "2"));
            }
            // most often another refund took what was left a moment ago: the order shows it once Stripe reports it
            throw new ProblemException(ProblemType.CONFLICT, "The payment provider refused this refund: look at the order again");
        }
        LOG.info("refund {} of {} asked for order {} by {}", refundId, amount, order.id(), admin ? "an admin" : "its buyer");
        return new RefundRequested(order.id(), refundId, new Money(amount, order.currency()), "requested");
    }

    // --- coupons ---------------------------------------------------------------------------------

    public CouponView createCoupon(Caller caller, String courseId, CommerceRequests.CouponFields fields) {
        Instant now = clock.instant();
        Instant expiresAt = parseInstant(fields.expiresAt());
        new Validator().required("code", fields.code())
                .matches("code", fields.code(), COUPON_CODE, "is 3 to 32 letters, digits, '-' or '_'")
                .check(fields.percentOff() == null ^ fields.amountOff() == null, "percentOff", "give exactly one of percentOff and amountOff")
                .range("percentOff", fields.percentOff() == null ? null : fields.percentOff().longValue(), 1, 99)
                .range("amountOff", fields.amountOff(), 1, Long.MAX_VALUE)
                .required("maxRedemptions", fields.maxRedemptions())
                .range("maxRedemptions", fields.maxRedemptions() == null ? null : fields.maxRedemptions().longValue(), 1, MAX_REDEMPTIONS)
                .required("expiresAt", fields.expiresAt())
                .check(fields.expiresAt() == null || expiresAt != null, "expiresAt", "is an ISO-8601 UTC time, e.g. 2027-01-31T23:59:59Z")
                .check(expiresAt == null || expiresAt.isAfter(now) && expiresAt.isBefore(now.plus(MAX_COUPON_LIFE)), "expiresAt",
                        "is in the future and within two years")
                .throwIfInvalid();
        CommerceStore.CourseForSale course = ownedCourse(caller, courseId);
        if (fields.amountOff() != null) {
            long max = Currencies.of(course.currency()).map(Currencies.Currency::maxAmount).orElse(Long.MAX_VALUE);
            new Validator().range("amountOff", fields.amountOff(), 1, max).throwIfInvalid();
        }
        Coupon coupon = new Coupon(courseId, fields.code().toUpperCase(Locale.ROOT), fields.percentOff(), fields.amountOff(),
                fields.amountOff() == null ? null : course.currency(), fields.maxRedemptions(), 0, expiresAt.truncatedTo(ChronoUnit.SECONDS), now);
        if (!store.createCoupon(coupon)) {
            throw new ProblemException(ProblemType.CONFLICT, "The course has a coupon " + coupon.code() + " already");
        }
        return CouponView.of(coupon);
    }

    public CouponPage coupons(Caller caller, String courseId, Map<String, String> query) {
        ownedCourse(caller, courseId);
        int limit = QueryParameters.integer(query, "limit", 50, 1, 100);
        CommerceStore.Page<Coupon> page = store.coupons(courseId, limit, query.get("cursor"));
        return new CouponPage(page.items().stream().map(CouponView::of).toList(), page.nextCursor());
    }

    /** The course for its creator or an admin: 404 when there is none, 403 for another creator. */
    private CommerceStore.CourseForSale ownedCourse(Caller caller, String courseId) {
        CommerceStore.CourseForSale course = store.course(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        if (!course.creatorId().equals(caller.userId()) && !caller.isAdmin()) {
            if (!course.published()) {
                throw ProblemException.notFound("No course " + courseId);
            }
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the course's creator and admins manage its coupons");
        }
        return course;
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // --- earnings --------------------------------------------------------------------------------

    /** The caller's earnings as a creator, per currency and per month. */
    public Earnings earnings(Caller caller, Map<String, String> query) {
        Range range = range(query);
        return summarise(range, store.creatorMonths(caller.userId(), range.from().toString(), range.to().toString()));
    }

    /** The whole platform's (admins). */
    public Earnings revenue(Map<String, String> query) {
        Range range = range(query);
        return summarise(range, store.platformMonths(range.from().toString(), range.to().toString()));
    }

    private record Range(YearMonth from, YearMonth to) {
    }

    /** {@code from} and {@code to} as months, both included; by default the last twelve, this one included. */
    private Range range(Map<String, String> query) {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        YearMonth to = month(query, "to", now);
        YearMonth from = month(query, "from", to.minusMonths(11));
        new Validator().check(!from.isAfter(to), "from", "is on or before to")
                .check(!from.plusMonths(MAX_MONTHS - 1).isBefore(to), "from", "is at most " + MAX_MONTHS + " months before to")
                .throwIfInvalid();
        return new Range(from, to);
    }

    private static YearMonth month(Map<String, String> query, String name, YearMonth fallback) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            // four-digit years only: sort keys compare as text, and far years overflow month arithmetic
            if (!MONTH.matcher(value).matches()) {
                throw new DateTimeParseException("not yyyy-MM", value, 0);
            }
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(List.of(new FieldError(name, "is a month from 1970-01 to 9999-12, e.g. 2026-11")));
        }
    }

    private static Earnings summarise(Range range, List<CommerceStore.MonthTotals> months) {
        Map<String, long[]> totals = new TreeMap<>();
        for (CommerceStore.MonthTotals m : months) {
            long[] sums = totals.computeIfAbsent(m.currency(), c -> new long[4]);
            sums[0] += m.gross();
            sums[1] += m.fee();
            sums[2] += m.net();
            sums[3] += m.entries();
        }
        return new Earnings(range.from().toString(), range.to().toString(),
                totals.entrySet().stream().map(t -> new Amounts(t.getKey(), t.getValue()[0], t.getValue()[1], t.getValue()[2],
                        (int) t.getValue()[3])).toList(),
                months.stream().map(m -> new MonthAmounts(m.month(), m.currency(), m.gross(), m.fee(), m.net(), (int) m.entries())).toList());
    }
}
