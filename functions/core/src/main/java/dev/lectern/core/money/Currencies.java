package dev.lectern.core.money;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The currencies a price may be in, with their minor units and the most a course may cost in
 * each: about ten thousand US dollars, a ceiling that catches a misplaced decimal point (an
 * amount in major units typed as minor units is a hundred times too small, the reverse a hundred
 * times too large) long before Stripe's own limits. Amounts are integers in minor units;
 * zero-decimal currencies (JPY) count whole units.
 */
public final class Currencies {

    /**
     * @param minorDigits digits after the decimal point (2 for usd, 0 for jpy)
     * @param minCharge   the smallest amount a card payment may be (Stripe's minimum charge amounts), in minor units
     */
    public record Currency(String code, int minorDigits, long maxAmount, long minCharge) {
    }

    private static final Map<String, Currency> ALL = Map.of(
            "usd", new Currency("usd", 2, 1_000_000, 50),
            "eur", new Currency("eur", 2, 1_000_000, 50),
            "gbp", new Currency("gbp", 2, 1_000_000, 30),
            "chf", new Currency("chf", 2, 1_000_000, 50),
            "cad", new Currency("cad", 2, 1_500_000, 50),
            "aud", new Currency("aud", 2, 1_500_000, 50),
            "sgd", new Currency("sgd", 2, 1_500_000, 50),
            "hkd", new Currency("hkd", 2, 8_000_000, 400),
            "cny", new Currency("cny", 2, 7_000_000, 400),
            "jpy", new Currency("jpy", 0, 1_500_000, 50));

    private Currencies() {
    }

    /** A lower-case ISO 4217 code we accept. */
    public static Optional<Currency> of(String code) {
        return Optional.ofNullable(code == null ? null : ALL.get(code));
    }

    public static Set<String> codes() {
        return ALL.keySet();
    }
}
