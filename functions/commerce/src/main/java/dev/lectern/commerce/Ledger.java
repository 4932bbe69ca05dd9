package dev.lectern.commerce;

/**
 * The money side of an order's change: how much the order has booked before and after, split
 * into the platform's fee and the creator's net. Fees are computed on the cumulative amount
 * (fee of what is booked now minus fee of what was booked before), so a refund reverses exactly
 * its share and a sequence of partial refunds never drifts by a rounding unit: the entries of an
 * order always sum to the split of what it has booked.
 */
public final class Ledger {

    /** One entry's amounts in minor units (negative for a reversal). */
    public record Delta(long gross, long fee, long net) {
        public boolean isZero() {
            return gross == 0 && fee == 0 && net == 0;
        }
    }

    private Ledger() {
    }

    /** The platform's fee on an order's total, at the rate fixed when the order was created. */
    public static long fee(long total, int feeBasisPoints) {
        return Math.round(total * (double) feeBasisPoints / 10_000);
    }

    /** The fee share of {@code booked} out of {@code total}; exact at both ends (0 and the total). */
    static long feeOf(long booked, long total, int feeBasisPoints) {
        if (total == 0) {
            return 0;
        }
        return Math.floorDiv(Math.multiplyExact(booked, fee(total, feeBasisPoints)), total);
    }

    /** The entry that takes an order from {@code bookedBefore} to {@code bookedAfter}. */
    public static Delta change(long bookedBefore, long bookedAfter, long total, int feeBasisPoints) {
        long gross = bookedAfter - bookedBefore;
        long fee = feeOf(bookedAfter, total, feeBasisPoints) - feeOf(bookedBefore, total, feeBasisPoints);
        return new Delta(gross, fee, gross - fee);
    }
}
