package dev.lectern.commerce;

import java.time.Instant;

/**
 * A discount code for one course, with a cap on redemptions. Exactly one of {@code percentOff}
 * and {@code amountOff} is set; an amount off is in the course's currency ({@code currency}).
 *
 * @param redeemed redemptions held now: reserved by a checkout, released when it expires or fails unpaid
 */
public record Coupon(String courseId, String code, Integer percentOff, Long amountOff, String currency, int maxRedemptions,
                     int redeemed, Instant validUntil, Instant createdAt) {

    /** What this coupon takes off {@code price} (never more than the price). */
    public long discountOn(long price) {
        long off = percentOff != null ? price * percentOff / 100 : amountOff;
        return Math.min(off, price);
    }

    public boolean usableAt(Instant now) {
        return redeemed < maxRedemptions && now.isBefore(validUntil);
    }
}
