package dev.lectern.local.stripe;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's Stripe account: Checkout Sessions, PaymentIntents, Charges, Refunds and Disputes,
 * kept in memory as Stripe's JSON shapes, and the events their changes emit. Every operation holds
 * the ledger's lock; what leaves it is a deep copy.
 */
final class Ledger {

    enum Outcome { PAID, ASYNC_SUCCESS, ASYNC_FAILURE }

    static final Duration MIN_EXPIRY = Duration.ofMinutes(30);
    static final Duration MAX_EXPIRY = Duration.ofHours(24);

    private final Clock clock;
    private final WebhookDeliveries webhooks;
    private final String apiBase;
    private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> paymentIntents = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> charges = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> refunds = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> disputes = new LinkedHashMap<>();
    /** Not part of Stripe's session object: the metadata its payment intent will carry ({@code payment_intent_data[metadata]}). */
    private final Map<String, Map<String, String>> pendingIntentMetadata = new LinkedHashMap<>();
    /** What the hosted page shows: the first line item's name, per session. */
    private final Map<String, String> productNames = new LinkedHashMap<>();

    Ledger(Clock clock, WebhookDeliveries webhooks, String apiBase) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.apiBase = apiBase;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    // ---- Checkout Sessions ----

    synchronized Map<String, Object> createSession(Map<String, Object> params) {
        String mode = string(params, "mode");
        if (mode == null) {
            throw StripeError.missing("mode");
        }
        if (!mode.equals("payment")) {
            throw StripeError.invalid("mode", "The local Stripe stand-in supports only mode=payment, not '" + mode + "'.");
        }
        Object items = params.get("line_items");
        if (!(items instanceof List<?> lineItems) || lineItems.isEmpty()) {
            throw StripeError.invalid("line_items", "You must specify either `line_items` or `prices` in `payment` mode.");
        }
        long total = 0;
        String currency = null;
        String firstName = null;
        for (int i = 0; i < lineItems.size(); i++) {
            String p = "line_items[" + i + "]";
            Map<String, Object> item = map(lineItems.get(i), p);
            if (item.containsKey("price")) {
                throw StripeError.noSuch("price", p + "[price]", String.valueOf(item.get("price")));
            }
            Map<String, Object> priceData = map(item.get("price_data"), p + "[price_data]");
            if (priceData.isEmpty()) {
                throw StripeError.missing(p + "[price_data]");
            }
            String itemCurrency = string(priceData, "currency");
            if (itemCurrency == null) {
                throw StripeError.missing(p + "[price_data][currency]");
            }
            itemCurrency = itemCurrency.toLowerCase(Locale.ROOT);
            if (!itemCurrency.matches("[a-z]{3}")) {
                throw StripeError.invalid(p + "[price_data][currency]", "Invalid currency: " + itemCurrency);
            }
            if (currency != null && !currency.equals(itemCurrency)) {
                throw StripeError.invalid(p + "[price_data][currency]", "All line items must use the same currency.");
            }
            currency = itemCurrency;
            Long unitAmount = integer(priceData, "unit_amount", p + "[price_data][unit_amount]");
            if (unitAmount == null) {
                throw StripeError.missing(p + "[price_data][unit_amount]");
            }
            if (unitAmount < 0) {
                throw StripeError.invalid(p + "[price_data][unit_amount]", "This value must be greater than or equal to 0.");
            }
            Map<String, Object> productData = map(priceData.get("product_data"), p + "[price_data][product_data]");
            String name = string(productData, "name");
            if (name == null || name.isBlank()) {
                throw StripeError.missing(p + "[price_data][product_data][name]");
            }
            Long quantity = integer(item, "quantity", p + "[quantity]");
            if (quantity == null) {
                throw StripeError.missing(p + "[quantity]");
            }
            if (quantity < 1) {
                throw StripeError.invalid(p + "[quantity]", "This value must be greater than or equal to 1.");
            }
            total = Math.addExact(total, Math.multiplyExact(unitAmount, quantity));
            firstName = firstName == null ? name : firstName;
        }
        long created = now();
        Long expiresAt = integer(params, "expires_at", "expires_at");
        if (expiresAt == null) {
            expiresAt = created + MAX_EXPIRY.toSeconds();
        } else if (expiresAt < created + MIN_EXPIRY.toSeconds()) {
            throw StripeError.invalid("expires_at", "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.");
        } else if (expiresAt > created + MAX_EXPIRY.toSeconds()) {
            throw StripeError.invalid("expires_at", "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.");
        }
        Map<String, String> metadata = metadata(params.get("metadata"), "metadata");
        Map<String, Object> paymentIntentData = map(params.get("payment_intent_data"), "payment_intent_data");
        Map<String, String> paymentIntentMetadata = metadata(paymentIntentData.get("metadata"), "payment_intent_data[metadata]");

        String id = Ids.next("cs_test_");
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("amount_subtotal", total);
        session.put("amount_total", total);
        session.put("cancel_url", string(params, "cancel_url"));
        session.put("client_reference_id", string(params, "client_reference_id"));
        session.put("created", created);
        session.put("currency", currency);
        session.put("customer", null);
        session.put("customer_email", string(params, "customer_email"));
        session.put("expires_at", expiresAt);
        session.put("livemode", false);
        session.put("metadata", metadata);
        session.put("mode", "payment");
        session.put("payment_intent", null);
        session.put("payment_method_types", List.of("card"));
        session.put("payment_status", "unpaid"); // no_payment_required once a free session completes
        session.put("status", "open");
        session.put("success_url", string(params, "success_url"));
        session.put("ui_mode", "hosted");
        session.put("url", apiBase + "/pay/" + id);
        sessions.put(id, session);
        pendingIntentMetadata.put(id, paymentIntentMetadata);
        productNames.put(id, firstName);
        return copy(session);
    }

    synchronized Map<String, Object> session(String id) {
        return copy(sessionOrThrow(id));
    }

    synchronized String productName(String sessionId) {
        return productNames.get(sessionId);
    }

    synchronized Map<String, Object> expireSession(String id) {
        Map<String, Object> session = sessionOrThrow(id);
        if (!"open".equals(session.get("status"))) {
            throw StripeError.invalid("session", "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \""
                    + session.get("status") + "\".");
        }
        session.put("status", "expired");
        session.put("url", null);
        webhooks.emit("checkout.session.expired", copy(session));
        return copy(session);
    }

    /** Expires the open sessions whose {@code expires_at} has passed, as Stripe does. */
    synchronized void expireDue() {
        long now = now();
        for (Map<String, Object> session : sessions.values()) {
            if ("open".equals(session.get("status")) && ((Number) session.get("expires_at")).longValue() <= now) {
                session.put("status", "expired");
                session.put("url", null);
                webhooks.emit("checkout.session.expired", copy(session));
            }
        }
    }

    /** The customer finished the hosted page: pays now, or starts a delayed payment that then succeeds or fails. */
    synchronized Map<String, Object> completeSession(String id, Outcome outcome) {
        Map<String, Object> session = sessionOrThrow(id);
        if (!"open".equals(session.get("status"))) {
            throw new IllegalStateException("The Checkout Session " + id + " is " + session.get("status") + ", not open");
        }
        long amount = ((Number) session.get("amount_total")).longValue();
        String currency = (String) session.get("currency");
        session.put("status", "complete");
        session.put("url", null);
        if (amount == 0) {
            session.put("payment_status", "no_payment_required");
            webhooks.emit("checkout.session.completed", copy(session));
            return copy(session);
        }
        Map<String, Object> intent = newPaymentIntent(amount, currency, pendingIntentMetadata.getOrDefault(id, Map.of()));
        session.put("payment_intent", intent.get("id"));
        Map<String, Object> charge = newCharge(intent);
        if (outcome == Outcome.PAID) {
            succeed(intent, charge);
            session.put("payment_status", "paid");
            webhooks.emit("payment_intent.succeeded", copy(intent));
            webhooks.emit("charge.succeeded", copy(charge));
            webhooks.emit("checkout.session.completed", copy(session));
            return copy(session);
        }
        // a delayed payment method (e.g. SEPA debit): complete but unpaid first
        intent.put("status", "processing");
        charge.put("status", "pending");
        webhooks.emit("checkout.session.completed", copy(session));
        if (outcome == Outcome.ASYNC_SUCCESS) {
            succeed(intent, charge);
            session.put("payment_status", "paid");
            webhooks.emit("checkout.session.async_payment_succeeded", copy(session));
        } else {
            intent.put("status", "requires_payment_method");
            intent.put("last_payment_error", Map.of("type", "card_error", "code", "payment_intent_payment_attempt_failed",
                    "message", "The payment failed."));
            charge.put("status", "failed");
            charge.put("paid", false);
            charge.put("captured", false);
            charge.put("amount_captured", 0L);
            charge.put("failure_code", "generic_decline");
            charge.put("failure_message", "The payment failed.");
            webhooks.emit("checkout.session.async_payment_failed", copy(session));
        }
        return copy(session);
    }

    private Map<String, Object> newPaymentIntent(long amount, String currency, Map<String, String> metadata) {
        String id = Ids.next("pi_");
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0L);
        intent.put("capture_method", "automatic");
        intent.put("created", now());
        intent.put("currency", currency);
        intent.put("last_payment_error", null);
        intent.put("latest_charge", null);
        intent.put("livemode", false);
        intent.put("metadata", new LinkedHashMap<>(metadata));
        intent.put("payment_method_types", List.of("card"));
        intent.put("status", "processing");
        paymentIntents.put(id, intent);
        return intent;
    }

    private Map<String, Object> newCharge(Map<String, Object> intent) {
        String id = Ids.next("ch_");
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("id", id);
        charge.put("object", "charge");
        charge.put("amount", intent.get("amount"));
        charge.put("amount_captured", intent.get("amount"));
        charge.put("amount_refunded", 0L);
        charge.put("captured", true);
        charge.put("created", now());
        charge.put("currency", intent.get("currency"));
        charge.put("disputed", false);
        charge.put("failure_code", null);
        charge.put("failure_message", null);
        charge.put("livemode", false);
        // Stripe copies the payment intent's metadata onto the charges it creates
        charge.put("metadata", new LinkedHashMap<>(metadataOf(intent)));
        charge.put("paid", true);
        charge.put("payment_intent", intent.get("id"));
        charge.put("refunded", false);
        // no "refunds" list: since API version 2022-11-15 Stripe no longer puts a charge's refunds in it
        charge.put("status", "pending");
        charges.put(id, charge);
        intent.put("latest_charge", id);
        return charge;
    }

    private static void succeed(Map<String, Object> intent, Map<String, Object> charge) {
        intent.put("status", "succeeded");
        intent.put("amount_received", intent.get("amount"));
        charge.put("status", "succeeded");
    }

    // ---- Refunds ----

    synchronized Map<String, Object> createRefund(Map<String, Object> params) {
        String intentId = string(params, "payment_intent");
        String chargeId = string(params, "charge");
        Map<String, Object> charge;
        if (chargeId != null) {
            charge = chargeOrThrow(chargeId, "charge");
        } else if (intentId != null) {
            Map<String, Object> intent = lookup(paymentIntents, intentId, "payment_intent", "payment_intent");
            String latest = (String) intent.get("latest_charge");
            if (latest == null || !"succeeded".equals(intent.get("status"))) {
                throw StripeError.invalid("payment_intent_unexpected_state", "payment_intent",
                        "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.");
            }
            charge = charges.get(latest);
        } else {
            throw StripeError.invalid("parameter_missing", null, "One of the following params should be provided for this request: payment_intent or charge.");
        }
        if (intentId != null && chargeId != null && !intentId.equals(charge.get("payment_intent"))) {
            throw StripeError.invalid("payment_intent", "The charge " + chargeId + " does not belong to the PaymentIntent " + intentId + ".");
        }
        if (!"succeeded".equals(charge.get("status"))) {
            throw StripeError.invalid("charge", "Charge " + charge.get("id") + " has not succeeded; it cannot be refunded.");
        }
        long amount = ((Number) charge.get("amount")).longValue();
        long refunded = ((Number) charge.get("amount_refunded")).longValue();
        long left = amount - refunded;
        if (Boolean.TRUE.equals(charge.get("disputed")) && disputeOf((String) charge.get("id")) != null
                && !"won".equals(disputeOf((String) charge.get("id")).get("status"))) {
            throw StripeError.invalid("charge_disputed", "charge", "Charge " + charge.get("id") + " has been charged back; cannot issue a refund.");
        }
        if (left == 0) {
            throw StripeError.invalid("charge_already_refunded", "charge", "Charge " + charge.get("id") + " has already been refunded.");
        }
        Long requested = integer(params, "amount", "amount");
        if (requested != null && requested <= 0) {
            throw StripeError.invalid("amount", "Invalid positive integer");
        }
        if (requested != null && requested > left) {
            throw StripeError.invalid("amount_too_large", "amount", "Refund amount (" + formatAmount(requested, (String) charge.get("currency"))
                    + ") is greater than unrefunded amount on charge (" + formatAmount(left, (String) charge.get("currency")) + ")");
        }
        long refundAmount = requested == null ? left : requested;
        String reason = string(params, "reason");
        if (reason != null && !Set.of("duplicate", "fraudulent", "requested_by_customer").contains(reason)) {
            throw StripeError.invalid("reason", "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer");
        }
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", Ids.next("re_"));
        refund.put("object", "refund");
        refund.put("amount", refundAmount);
        refund.put("charge", charge.get("id"));
        refund.put("created", now());
        refund.put("currency", charge.get("currency"));
        refund.put("metadata", metadata(params.get("metadata"), "metadata"));
        refund.put("payment_intent", charge.get("payment_intent"));
        refund.put("reason", reason);
        refund.put("status", "succeeded");
        refunds.put((String) refund.get("id"), refund);

        charge.put("amount_refunded", refunded + refundAmount);
        charge.put("refunded", refunded + refundAmount == amount);
        webhooks.emit("charge.refunded", copy(charge));
        webhooks.emit("refund.created", copy(refund));
        return copy(refund);
    }

    // ---- Disputes ----

    /** Opens a dispute on a succeeded charge; {@code outcome} "won"/"lost" closes it (opening it first if needed). */
    synchronized Map<String, Object> dispute(String chargeId, String outcome) {
        Map<String, Object> charge = chargeOrThrow(chargeId, "charge");
        if (!"succeeded".equals(charge.get("status"))) {
            throw new IllegalStateException("The charge " + chargeId + " has not succeeded; it cannot be disputed");
        }
        Map<String, Object> dispute = disputeOf(chargeId);
        if (dispute != null && !"needs_response".equals(dispute.get("status"))) {
            throw new IllegalStateException("The dispute " + dispute.get("id") + " on " + chargeId + " is already closed (" + dispute.get("status") + ")");
        }
        if (dispute != null && outcome == null) {
            throw new IllegalStateException("The charge " + chargeId + " already has an open dispute, " + dispute.get("id"));
        }
        if (dispute == null) {
            dispute = new LinkedHashMap<>();
            dispute.put("id", Ids.next("dp_"));
            dispute.put("object", "dispute");
            dispute.put("amount", charge.get("amount"));
            dispute.put("charge", chargeId);
            dispute.put("created", now());
            dispute.put("currency", charge.get("currency"));
            dispute.put("is_charge_refundable", false);
            dispute.put("livemode", false);
            dispute.put("metadata", new LinkedHashMap<String, String>());
            dispute.put("payment_intent", charge.get("payment_intent"));
            dispute.put("reason", "fraudulent");
            dispute.put("status", "needs_response");
            disputes.put((String) dispute.get("id"), dispute);
            charge.put("disputed", true);
            webhooks.emit("charge.dispute.created", copy(dispute));
        }
        if (outcome != null) {
            dispute.put("status", outcome);
            webhooks.emit("charge.dispute.closed", copy(dispute));
        }
        return copy(dispute);
    }

    private Map<String, Object> disputeOf(String chargeId) {
        return disputes.values().stream().filter(d -> chargeId.equals(d.get("charge"))).reduce((a, b) -> b).orElse(null);
    }

    // ---- retrieval ----

    synchronized Map<String, Object> retrieve(String kind, String id) {
        return copy(switch (kind) {
            case "checkout.session" -> sessionOrThrow(id);
            case "payment_intent" -> lookup(paymentIntents, id, "payment_intent", "intent");
            case "charge" -> chargeOrThrow(id, "id");
            case "refund" -> lookup(refunds, id, "refund", "id");
            case "dispute" -> lookup(disputes, id, "dispute", "dispute");
            default -> throw new IllegalArgumentException(kind);
        });
    }

    /** The object an id names, whatever its kind, for {@code expand[]}; null if none. */
    synchronized Map<String, Object> byId(String id) {
        for (Map<String, Map<String, Object>> objects : List.of(sessions, paymentIntents, charges, refunds, disputes)) {
            Map<String, Object> found = objects.get(id);
            if (found != null) {
                return copy(found);
            }
        }
        return null;
    }

    private Map<String, Object> sessionOrThrow(String id) {
        return lookup(sessions, id, "checkout.session", "session");
    }

    private Map<String, Object> chargeOrThrow(String id, String param) {
        return lookup(charges, id, "charge", param);
    }

    private static Map<String, Object> lookup(Map<String, Map<String, Object>> objects, String id, String name, String param) {
        Map<String, Object> found = objects.get(id);
        if (found == null) {
            throw StripeError.noSuch(name, param, id);
        }
        return found;
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadataOf(Map<String, Object> object) {
        return (Map<String, String>) object.get("metadata");
    }

    private static String string(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw StripeError.invalid(name, "Invalid string: " + name);
        }
        return s;
    }

    private static Long integer(Map<String, Object> params, String name, String param) {
        String value = string(params, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StripeError.invalid(param, "Invalid integer: " + value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String param) {
        if (value == null || "".equals(value)) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw StripeError.invalid(param, "Invalid object");
        }
        return (Map<String, Object>) m;
    }

    private static Map<String, String> metadata(Object value, String param) {
        Map<String, String> metadata = new LinkedHashMap<>();
        map(value, param).forEach((k, v) -> {
            if (!(v instanceof String s)) {
                throw StripeError.invalid(param + "[" + k + "]", "Metadata values must be strings.");
            }
            if (k.length() > 40) {
                throw StripeError.invalid(param + "[" + k + "]", "Metadata keys can be at most 40 characters long.");
            }
            if (s.length() > 500) {
                throw StripeError.invalid(param + "[" + k + "]", "Metadata values can be at most 500 characters long.");
            }
            if (!s.isEmpty()) { // Stripe: an empty value unsets the key
                metadata.put(k, s);
            }
        });
        if (metadata.size() > 50) {
            throw StripeError.invalid(param, "Metadata can have at most 50 keys.");
        }
        return metadata;
    }

    static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf",
            "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    static String formatAmount(long amount, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(currency)) {
            return amount + " " + code;
        }
        return String.format(Locale.ROOT, "%d.%02d %s", amount / 100, amount % 100, code);
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return (T) copy;
        }
        return value;
    }
}
