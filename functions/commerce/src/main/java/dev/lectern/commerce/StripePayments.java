package dev.lectern.commerce;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link PaymentProvider} on Stripe through stripe-java's {@link StripeClient}. Every call that
 * creates something carries our own idempotency key, so a retried request (ours or the client's)
 * never creates a second session or refund.
 */
@Singleton
public class StripePayments implements PaymentProvider {

    private final StripeClient stripe;

    public StripePayments(StripeClient stripe) {
        this.stripe = stripe;
    }

    @Override
    public CheckoutSession createCheckout(NewCheckout checkout) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(checkout.currency())
                                .setUnitAmount(checkout.amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(checkout.productName())
                                        .putMetadata("courseId", checkout.courseId())
                                        .build())
                                .build())
                        .build())
                .setClientReferenceId(checkout.orderId())
                .putMetadata("orderId", checkout.orderId())
                .putMetadata("userId", checkout.userId())
                // charges and disputes name the payment intent: its metadata leads back to the order
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("orderId", checkout.orderId())
                        .putMetadata("userId", checkout.userId())
                        .build())
                .setExpiresAt(checkout.expiresAt().getEpochSecond())
                .setSuccessUrl(checkout.successUrl())
                .setCancelUrl(checkout.cancelUrl())
                .build();
        try {
            Session session = stripe.v1().checkout().sessions().create(params, options(checkout.idempotencyKey()));
            return new CheckoutSession(session.getId(), session.getUrl(), Instant.ofEpochSecond(session.getExpiresAt()));
        } catch (StripeException e) {
            throw failure("creating a Checkout Session", e);
        }
    }

    @Override
    public void expireCheckout(String sessionId) {
        try {
            Session session = stripe.v1().checkout().sessions().retrieve(sessionId);
            if ("open".equals(session.getStatus())) {
                stripe.v1().checkout().sessions().expire(sessionId);
            }
        } catch (StripeException e) {
            throw failure("expiring a Checkout Session", e);
        }
    }

    @Override
    public String refund(String paymentIntentId, long amount, String orderId, String reason, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amount)
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("orderId", orderId)
                // Stripe keeps metadata values up to 500 characters: the reason is validated to that
                .putMetadata("reason", reason)
                .build();
        try {
            Refund refund = stripe.v1().refunds().create(params, options(idempotencyKey));
            return refund.getId();
        } catch (StripeException e) {
            throw failure("creating a refund", e);
        }
    }

    @Override
    public Optional<String> orderIdOfPayment(String paymentIntentId) {
        try {
            PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paymentIntentId);
            return Optional.ofNullable(intent.getMetadata()).map(m -> m.get("orderId"));
        } catch (InvalidRequestException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failure("reading a payment intent", e);
        } catch (StripeException e) {
            throw failure("reading a payment intent", e);
        }
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** Stripe's message is for us (logged by the caller), not for the learner; 4xx other than 429 will not change on retry. */
    private static ProviderException failure(String what, StripeException e) {
        boolean retryable = e instanceof ApiConnectionException || e instanceof RateLimitException
                || e.getStatusCode() == null || e.getStatusCode() >= 500 || e.getStatusCode() == 409;
        return new ProviderException("Stripe refused " + what + ": " + e.getMessage(), retryable, e);
    }
}
