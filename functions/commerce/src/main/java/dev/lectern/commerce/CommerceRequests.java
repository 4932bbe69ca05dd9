package dev.lectern.commerce;

/** Request bodies of the commerce routes, bound strictly (unknown fields are refused). */
public final class CommerceRequests {

    private CommerceRequests() {
    }

    public record CheckoutRequest(String courseId, String couponCode) {
    }

    public record RefundRequest(Long amount, String reason) {
    }

    /** Exactly one of {@code percentOff} (1–99) and {@code amountOff} (minor units of the course's currency). */
    public record CouponFields(String code, Integer percentOff, Long amountOff, Integer maxRedemptions, String expiresAt) {
    }
}
