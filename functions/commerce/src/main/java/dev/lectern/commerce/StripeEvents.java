package dev.lectern.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.Json;
import dev.lectern.core.ids.Hashes;
import dev.lectern.core.ids.Ids;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Stripe event from its JSON as Stripe sent it. It reads the handful of fields Lectern
 * acts on (ids, metadata, statuses, amounts), which every Stripe API version writes the same way,
 * rather than stripe-java's typed objects, which refuse to deserialize an event whose
 * {@code api_version} differs from the library's: an event of another version is applied all the
 * same and counted ({@code StripeApiVersionMismatch}), never dropped.
 */
public final class StripeEvents {

    /** The JSON is not a Stripe event we can read: the message is poison. */
    public static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message);
        }
    }

    /** Closed dispute statuses that leave the money with the merchant; any status not known here counts as still open. */
    private static final Set<String> CLOSED_NOT_LOST = Set.of("won", "warning_closed", "prevented");

    /** What Stripe's object ids look like (cs_…, pi_…, ch_…, re_…, dp_…): a prefix, an underscore, letters and digits. */
    private static final Pattern STRIPE_ID = Pattern.compile("[a-z]{2,8}_[A-Za-z0-9_]{1,200}");

    private StripeEvents() {
    }

    public static PaymentEvent parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new InvalidEvent("not JSON");
        }
        if (root == null || !root.isObject() || !"event".equals(text(root, "object")) || text(root, "id") == null
                || text(root, "type") == null || !root.path("data").path("object").isObject()) {
            throw new InvalidEvent("not a Stripe event");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        Instant created = Instant.ofEpochSecond(root.path("created").asLong(0));
        String apiVersion = text(root, "api_version");
        JsonNode object = root.path("data").path("object");
        String orderId = object.path("metadata").hasNonNull("orderId") ? object.path("metadata").get("orderId").asText()
                : text(object, "client_reference_id");
        String paymentIntent = idOf(object.get("payment_intent"));
        PaymentEvent.Kind kind = switch (type) {
            case "checkout.session.completed" -> "unpaid".equals(text(object, "payment_status"))
                    ? PaymentEvent.Kind.AWAITING_PAYMENT : PaymentEvent.Kind.PAID;
            case "checkout.session.async_payment_succeeded" -> PaymentEvent.Kind.ASYNC_PAID;
            case "checkout.session.async_payment_failed" -> PaymentEvent.Kind.PAYMENT_FAILED;
            case "checkout.session.expired" -> PaymentEvent.Kind.EXPIRED;
            case "charge.refunded" -> PaymentEvent.Kind.CHARGE_REFUNDED;
            // since API version 2022-11-15 a charge no longer lists its refunds: their ids come with their own events
            case "refund.created", "refund.updated" -> PaymentEvent.Kind.REFUND_RECORDED;
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed" -> PaymentEvent.Kind.DISPUTE;
            default -> PaymentEvent.Kind.IGNORED;
        };
        if (kind == PaymentEvent.Kind.IGNORED) {
            return new PaymentEvent(id, type, kind, created, apiVersion, null, null, 0, List.of(), null, false, false);
        }
        if (orderId != null && !Ids.isId(orderId)) {
            // another integration's reference on the same Stripe account: never one of our order ids
            orderId = null;
        }
        if (paymentIntent != null && !STRIPE_ID.matcher(paymentIntent).matches()) {
            paymentIntent = null;
        }
        if (type.startsWith("checkout.session.")) {
            // a session Lectern did not create (another integration on the same account) is not ours to act on
            PaymentEvent.Kind ours = orderId == null ? PaymentEvent.Kind.IGNORED : kind;
            return new PaymentEvent(id, type, ours, created, apiVersion, orderId, paymentIntent, 0, List.of(), null, false, false);
        }
        if (paymentIntent == null) {
            // Lectern's payments all go through payment intents (Checkout); a bare charge is someone else's
            return new PaymentEvent(id, type, PaymentEvent.Kind.IGNORED, created, apiVersion, null, null, 0, List.of(), null, false, false);
        }
        if (kind == PaymentEvent.Kind.CHARGE_REFUNDED) {
            // a charge of an older API version may still list its refunds; newer ones have their own events
            List<String> refunds = new ArrayList<>();
            object.path("refunds").path("data").forEach(r -> refunds.add(r.path("id").asText()));
            return new PaymentEvent(id, type, kind, created, apiVersion, null, paymentIntent,
                    object.path("amount_refunded").asLong(0), refunds, null, false, false);
        }
        String objectId = text(object, "id");
        if (objectId == null || !STRIPE_ID.matcher(objectId).matches()) {
            throw new InvalidEvent(type + " without a valid object id");
        }
        if (kind == PaymentEvent.Kind.REFUND_RECORDED) {
            return new PaymentEvent(id, type, kind, created, apiVersion, null, paymentIntent, 0, List.of(objectId), null, false, false);
        }
        String status = text(object, "status");
        if (status == null) {
            throw new InvalidEvent(type + " without a dispute status");
        }
        boolean lost = "lost".equals(status);
        return new PaymentEvent(id, type, kind, created, apiVersion, null, paymentIntent, 0, List.of(), objectId,
                !lost && !CLOSED_NOT_LOST.contains(status), lost);
    }

    /**
     * The FIFO message group of a raw event: its order when the event names it, else its payment,
     * else the event itself. Events of one order are then applied one at a time (their effects
     * commute anyway: the group only saves lost optimistic-lock races). Hashed, so that whatever
     * the event holds the group is what SQS accepts (at most 128 visible ASCII characters).
     */
    public static String groupOf(String json) {
        try {
            PaymentEvent event = parse(json);
            String key = event.orderId() != null ? "order " + event.orderId()
                    : event.paymentIntentId() != null ? "payment " + event.paymentIntentId() : "event " + event.eventId();
            return Hashes.sha256Hex(key);
        } catch (InvalidEvent e) {
            // each unreadable event alone: one poison message must not hold back another
            return Hashes.sha256Hex("unreadable " + json);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    /** A Stripe reference: the id string, or the expanded object's id. */
    private static String idOf(JsonNode reference) {
        if (reference == null || reference.isNull()) {
            return null;
        }
        return reference.isObject() ? text(reference, "id") : reference.asText();
    }
}
