package dev.lectern.bench;

import java.util.Arrays;

/**
 * A price by tiers of a month's total usage: the first {@code widths[0]} units at
 * {@code prices[0]} each, the next {@code widths[1]} at {@code prices[1]}, ..., everything beyond
 * at the last price.
 */
record Tiered(double[] widths, double[] prices) {

    Tiered {
        if (prices.length != widths.length + 1) {
            throw new IllegalArgumentException("one price per tier and one for beyond the last");
        }
        widths = widths.clone();
        prices = prices.clone();
    }

    /** {@code of(width1, price1, width2, price2, ..., priceBeyond)}. */
    static Tiered of(double... widthsAndPrices) {
        if (widthsAndPrices.length % 2 == 0) {
            throw new IllegalArgumentException("widths and prices alternate, and end with the price beyond the last tier");
        }
        int tiers = widthsAndPrices.length / 2;
        double[] widths = new double[tiers];
        double[] prices = new double[tiers + 1];
        for (int i = 0; i < tiers; i++) {
            widths[i] = widthsAndPrices[2 * i];
            prices[i] = widthsAndPrices[2 * i + 1];
        }
        prices[tiers] = widthsAndPrices[widthsAndPrices.length - 1];
        return new Tiered(widths, prices);
    }

    /** One price for any quantity. */
    static Tiered flat(double price) {
        return new Tiered(new double[0], new double[] {price});
    }

    /** The price of a month's total. */
    double cost(double units) {
        double left = units;
        double cost = 0;
        for (int i = 0; i < widths.length && left > 0; i++) {
            double inTier = Math.min(left, widths[i]);
            cost += inTier * prices[i];
            left -= inTier;
        }
        return cost + Math.max(0, left) * prices[prices.length - 1];
    }

    /** The first tier's price: what a small user pays per unit. */
    double firstPrice() {
        return prices[0];
    }

    @Override
    public String toString() {
        return "Tiered" + Arrays.toString(widths) + Arrays.toString(prices);
    }
}
