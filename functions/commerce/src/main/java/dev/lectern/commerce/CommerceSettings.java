package dev.lectern.commerce;

import dev.lectern.core.config.FunctionEnvironment;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Commerce's few settings, from the function's environment with defaults.
 *
 * @param feeBasisPoints  the platform's share of each payment ({@code LECTERN_PLATFORM_FEE_BPS}, default 2000 = 20 %);
 *                        fixed on each order when its checkout starts
 * @param siteUrl         where Stripe sends the learner back after paying or cancelling ({@code LECTERN_SITE_URL}; in AWS
 *                        the web distribution's URL, locally the local platform's)
 * @param checkoutTtl     how long a Checkout Session stays open (Stripe allows 30 minutes to 24 hours)
 * @param refundWindow    how long after payment a learner may ask for a refund themselves
 */
public record CommerceSettings(int feeBasisPoints, String siteUrl, Duration checkoutTtl, Duration refundWindow) {

    public static final String FEE_BASIS_POINTS = "LECTERN_PLATFORM_FEE_BPS";
    public static final String SITE_URL = FunctionEnvironment.SITE_URL;
    public static final CommerceSettings DEFAULTS = new CommerceSettings(2000, "http://localhost:8080", Duration.ofHours(1),
            Duration.ofDays(14));

    public CommerceSettings {
        if (feeBasisPoints < 0 || feeBasisPoints > 10_000) {
            throw new IllegalArgumentException(FEE_BASIS_POINTS + " must be 0..10000 basis points");
        }
    }

    public static CommerceSettings from(UnaryOperator<String> lookup) {
        String fee = lookup.apply(FEE_BASIS_POINTS);
        String site = lookup.apply(SITE_URL);
        return new CommerceSettings(fee == null ? DEFAULTS.feeBasisPoints() : Integer.parseInt(fee.trim()),
                site == null ? DEFAULTS.siteUrl() : site.replaceAll("/+$", ""), DEFAULTS.checkoutTtl(), DEFAULTS.refundWindow());
    }
}
