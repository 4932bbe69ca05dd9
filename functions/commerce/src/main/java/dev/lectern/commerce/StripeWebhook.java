package dev.lectern.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.ids.Hashes;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@code POST /webhooks/stripe}: checks that Stripe signed the raw body (HMAC-SHA256 with the
 * webhook secret, timestamp within {@link #TOLERANCE_SECONDS}) and puts the event, byte for byte,
 * on the payments FIFO queue — group: the order or payment it concerns, deduplication: Stripe's
 * event id — and nothing else. The payment consumer applies it ({@link PaymentEventProcessor}).
 */
@Singleton
public class StripeWebhook {

    /** Stripe's own default: a delivery older than five minutes may be a replay. */
    public static final long TOLERANCE_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhook.class);
    /** The characters SQS accepts in a message body (#x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD, and beyond #xFFFF). */
    private static final Pattern SQS_TEXT = Pattern.compile("[\\x{9}\\x{A}\\x{D}\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]*");

    private final StripeKeys keys;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public StripeWebhook(StripeKeys keys, SqsClient sqs, LecternConfig config, Clock clock, BusinessMetrics metrics) {
        this.keys = keys;
        this.sqs = sqs;
        this.queueUrl = config.require(ResourceId.PAYMENTS_QUEUE);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Returns the event id once it is on the queue; 400 for a bad signature, timestamp or body. */
    public String receive(String payload, String signatureHeader, String correlationId) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw refused("The Stripe-Signature header is missing");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, keys.webhookSecret(), TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            // stripe-java says whether the signature or the timestamp failed; neither names the secret
            throw refused("The Stripe-Signature does not verify: " + e.getMessage());
        }
        JsonNode event;
        try {
            event = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw refused("The body is not JSON");
        }
        if (event == null || !event.isObject() || !"event".equals(event.path("object").asText()) || !event.path("id").isTextual()
                || event.path("id").asText().isEmpty() || !event.path("type").isTextual() || !event.path("data").path("object").isObject()) {
            throw refused("The body is not a Stripe event");
        }
        if (!SQS_TEXT.matcher(payload).matches()) {
            throw refused("The body holds characters a queue message cannot carry");
        }
        String id = event.get("id").asText();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(payload)
                .messageGroupId(StripeEvents.groupOf(payload))
                // hashed: SQS takes at most 128 visible ASCII characters, an event id is whatever the body says
                .messageDeduplicationId(Hashes.sha256Hex(id))
                .messageAttributes(Map.of(EventPublisher.CORRELATION_ATTRIBUTE, MessageAttributeValue.builder()
                        .dataType("String").stringValue(correlationId).build())));
        LOG.info("Stripe event {} ({}) queued", id, event.get("type").asText());
        return id;
    }

    private ProblemException refused(String detail) {
        metrics.count(CommerceMetrics.WEBHOOKS_REFUSED);
        return new ProblemException(ProblemType.VALIDATION, detail);
    }
}
