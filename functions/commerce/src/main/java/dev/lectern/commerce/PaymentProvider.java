package dev.lectern.commerce;

import java.time.Instant;
import java.util.Optional;

/**
 * What commerce asks of the payment provider, in Lectern's terms; {@link StripePayments} is the
 * one implementation (Stripe, or the local platform's stand-in, through stripe-java).
 */
public interface PaymentProvider {

    /** What a learner pays on: a hosted checkout page until {@code expiresAt}. */
    record CheckoutSession(String id, String url, Instant expiresAt) {
    }

    record NewCheckout(String orderId, String userId, String courseId, String productName, long amount, String currency,
                       Instant expiresAt, String successUrl, String cancelUrl, String idempotencyKey) {
    }

    /** The provider refused or failed; {@code retryable} when trying again later may work. */
    final class ProviderException extends RuntimeException {
        private final boolean retryable;

        public ProviderException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    CheckoutSession createCheckout(NewCheckout checkout);

    /** Ends an open session early (a coupon race lost after it was created); a session already over is fine. */
    void expireCheckout(String sessionId);

    /** Refunds {@code amount} of a payment; returns the refund's id. The same key returns the same refund. */
    String refund(String paymentIntentId, long amount, String orderId, String reason, String idempotencyKey);

    /** The order a payment was made for, from the provider's own record of it. */
    Optional<String> orderIdOfPayment(String paymentIntentId);
}
