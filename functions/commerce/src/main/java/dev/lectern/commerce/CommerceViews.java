package dev.lectern.commerce;

import java.time.Instant;
import java.util.List;

/** What the commerce routes answer (the OpenAPI document's schemas of the same names). */
public final class CommerceViews {

    private CommerceViews() {
    }

    public record Money(long amount, String currency) {
    }

    public record Checkout(String orderId, String checkoutSessionId, String checkoutUrl, Instant expiresAt, Money total) {
    }

    public record Dispute(String id, String status) {
    }

    /** What a paid order's buyer keeps as proof of purchase. */
    public record Receipt(String number, String description, Money price, Money discount, Money total, Money refunded, Instant paidAt) {
    }

    public record OrderView(String id, String status, String courseId, String courseTitle, Money price, Money discount, Money total,
                            String couponCode, String checkoutSessionId, Instant checkoutExpiresAt,
                            Instant createdAt, Instant paidAt, Money refunded, List<String> refunds, List<Dispute> disputes,
                            boolean duplicate, Receipt receipt) {

        static OrderView of(Order order) {
            PaymentFacts facts = order.facts();
            Money refunded = money(facts.amountRefunded(), order);
            Money total = money(order.total(), order);
            Receipt receipt = facts.paid()
                    ? new Receipt("LEC-" + order.id(), order.courseTitle(), money(order.listAmount(), order),
                    money(order.discount(), order), total, refunded, facts.paidAt())
                    : null;
            return new OrderView(order.id(), order.status().wireName(), order.courseId(), order.courseTitle(),
                    money(order.listAmount(), order), money(order.discount(), order), total, order.couponCode(),
                    order.checkoutSessionId(), order.expiresAt(), order.createdAt(), facts.paidAt(),
                    refunded, List.copyOf(facts.refundIds()),
                    facts.disputes().entrySet().stream().map(e -> new Dispute(e.getKey(), e.getValue())).toList(),
                    order.duplicate(), receipt);
        }
    }

    public record OrderPage(List<OrderView> items, String nextCursor) {
    }

    public record RefundRequested(String orderId, String refundId, Money amount, String status) {
    }

    public record CouponView(String code, String courseId, Integer percentOff, Money amountOff, int maxRedemptions, int redeemed,
                             Instant expiresAt, Instant createdAt) {

        static CouponView of(Coupon coupon) {
            return new CouponView(coupon.code(), coupon.courseId(), coupon.percentOff(),
                    coupon.amountOff() == null ? null : new Money(coupon.amountOff(), coupon.currency()), coupon.maxRedemptions(),
                    coupon.redeemed(), coupon.validUntil(), coupon.createdAt());
        }
    }

    public record CouponPage(List<CouponView> items, String nextCursor) {
    }

    /** Sums of ledger entries: what was paid (gross), the platform's fee and the creator's net. */
    public record Amounts(String currency, long gross, long fee, long net, int entries) {
    }

    public record MonthAmounts(String month, String currency, long gross, long fee, long net, int entries) {
    }

    public record Earnings(String from, String to, List<Amounts> totals, List<MonthAmounts> months) {
    }

    private static Money money(long amount, Order order) {
        return new Money(amount, order.currency());
    }
}
