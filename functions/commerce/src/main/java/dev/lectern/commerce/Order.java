package dev.lectern.commerce;

import java.time.Instant;

/**
 * One purchase of one course by one learner, priced when the checkout started.
 *
 * @param listAmount      the course's price then, in minor units
 * @param discount        what the coupon took off
 * @param total           what the learner pays: list less discount
 * @param feeBasisPoints  the platform's fee rate fixed at checkout (2000 = 20 %)
 * @param entitlement     the state of the entitlement this order granted: none, active or suspended
 * @param couponHeld      whether the order holds one redemption of its coupon
 * @param duplicate       paid while the learner already had the course through another order or enrolment
 * @param version         optimistic lock: every change of the item checks and bumps it
 *
 * <p>The Checkout Session's URL is not kept: Stripe's are several hundred bytes, which would take
 * the item past 1 KB and double every write of it; the checkout's answer carries it (and a retry
 * with the same Idempotency-Key replays that answer).
 */
public record Order(String id, String userId, String courseId, String creatorId, String courseTitle, long listAmount,
                    long discount, long total, String currency, String couponCode, int feeBasisPoints,
                    String checkoutSessionId, Instant expiresAt, Instant createdAt,
                    PaymentFacts facts, Entitlement entitlement, boolean couponHeld, boolean duplicate, long version) {

    /** Whether this order's own entitlement item exists, and whether it opens the course. */
    public enum Entitlement { NONE, ACTIVE, SUSPENDED }

    public OrderStatus status() {
        return facts.status(total);
    }

    /** The money this order has earned so far ({@link PaymentFacts#bookedGross}). */
    public long bookedGross() {
        return facts.bookedGross(total);
    }

    public Order with(PaymentFacts facts, Entitlement entitlement, boolean couponHeld, boolean duplicate) {
        return new Order(id, userId, courseId, creatorId, courseTitle, listAmount, discount, total, currency, couponCode,
                feeBasisPoints, checkoutSessionId, expiresAt, createdAt, facts, entitlement, couponHeld, duplicate,
                version + 1);
    }
}
