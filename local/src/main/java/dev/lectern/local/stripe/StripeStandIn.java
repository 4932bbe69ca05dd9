package dev.lectern.local.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.stripe.Stripe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe on loopback, for the local platform and tests: the subset of Stripe's API that Lectern's
 * commerce context calls through stripe-java (Checkout Sessions, PaymentIntents, Charges, Refunds,
 * Disputes; form-encoded requests, Stripe's JSON objects and errors, {@code Idempotency-Key}), a
 * hosted payment page at each session's {@code url}, and signed webhook deliveries with retries.
 * What a customer or the card network would do (pay, decline, dispute) is driven through
 * {@link #control} — served by the local gateway under {@code /_local/stripe/}, and by this
 * server too.
 */
public final class StripeStandIn implements AutoCloseable {

    /**
     * @param port            0 picks a free port
     * @param firstRetryDelay delay before the second delivery attempt of an event, doubled after each failure
     * @param maxAttempts     delivery attempts per event, the first included
     */
    public record Options(int port, Duration firstRetryDelay, int maxAttempts) {

        public Options {
            Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
            if (port < 0 || port > 65535 || firstRetryDelay.isNegative() || maxAttempts < 1) {
                throw new IllegalArgumentException("invalid Stripe stand-in options " + port + ", " + firstRetryDelay + ", " + maxAttempts);
            }
        }

        /** The local platform's: Stripe's own schedule is hours; a second, doubled 8 times, keeps a retry visible. */
        public static Options defaults(int port) {
            return new Options(port, Duration.ofSeconds(1), 8);
        }
    }

    /** A control's answer: JSON, or HTML for the hosted page. */
    public record ControlResponse(int status, String contentType, byte[] body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(StripeStandIn.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern SESSION = Pattern.compile("/v1/checkout/sessions/([A-Za-z0-9_]+)");
    private static final Pattern SESSION_EXPIRE = Pattern.compile("/v1/checkout/sessions/([A-Za-z0-9_]+)/expire");
    private static final Pattern OBJECT = Pattern.compile("/v1/(payment_intents|charges|refunds|disputes|events)/([A-Za-z0-9_]+)");
    private static final Pattern CONTROL_COMPLETE = Pattern.compile("/_local/stripe/checkout/sessions/([A-Za-z0-9_]+)/complete");
    private static final Pattern CONTROL_EXPIRE = Pattern.compile("/_local/stripe/checkout/sessions/([A-Za-z0-9_]+)/expire");
    private static final Pattern CONTROL_DISPUTE = Pattern.compile("/_local/stripe/charges/([A-Za-z0-9_]+)/dispute");
    private static final Pattern CONTROL_RESEND = Pattern.compile("/_local/stripe/events/([A-Za-z0-9_]+)/resend");
    private static final Pattern PAY = Pattern.compile("/pay/([A-Za-z0-9_]+)");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String apiKey = "sk_test_local_" + Ids.random(24);
    private final String webhookSecret = "whsec_" + Ids.random(32);
    private final WebhookDeliveries webhooks;
    private final Ledger ledger;
    private final Idempotency idempotency = new Idempotency();
    private final Thread expirer;
    private volatile boolean closed;

    private StripeStandIn(Options options, URI webhookUrl, Clock clock) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        this.webhooks = new WebhookDeliveries(mapper, clock, webhookSecret, options.firstRetryDelay(), options.maxAttempts(), webhookUrl);
        this.ledger = new Ledger(clock, webhooks, apiBase());
        server.start();
        this.expirer = Thread.ofVirtual().name("stripe-session-expirer").start(this::expireDueSessions);
    }

    /** Starts the stand-in; {@code webhookUrl} may be null until {@link #setWebhookUrl} (deliveries fail and retry meanwhile). */
    public static StripeStandIn start(Options options, URI webhookUrl, Clock clock) {
        try {
            return new StripeStandIn(options, webhookUrl, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the Stripe stand-in did not start: " + e.getMessage(), e);
        }
    }

    /** Where stripe-java sends its requests ({@code StripeClient.builder().setApiBase(...)}). */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String apiKey() {
        return apiKey;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public void setWebhookUrl(URI url) {
        webhooks.setWebhookUrl(url);
    }

    /** What {@code GET /_local/info} shows under {@code "stripe"}. */
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("apiBase", apiBase());
        info.put("apiKey", apiKey);
        info.put("webhookSecret", webhookSecret);
        URI url = webhooks.webhookUrl();
        info.put("webhookUrl", url == null ? null : url.toString());
        String origin = url == null ? apiBase() : url.getScheme() + "://" + url.getRawAuthority();
        info.put("dashboard", "GET " + origin + "/_local/stripe/events");
        return info;
    }

    // ---- controls ----

    /**
     * The controls, under {@code /_local/stripe/}: complete or expire a session, open or close a
     * dispute, resend an event, list the events with their delivery attempts.
     */
    public ControlResponse control(String method, String path, byte[] body) {
        try {
            Matcher m;
            if ((m = CONTROL_COMPLETE.matcher(path)).matches()) {
                requireMethod("POST", method);
                String outcome = field(body, "outcome", "paid");
                Ledger.Outcome parsed = switch (outcome) {
                    case "paid" -> Ledger.Outcome.PAID;
                    case "async_success" -> Ledger.Outcome.ASYNC_SUCCESS;
                    case "async_failure" -> Ledger.Outcome.ASYNC_FAILURE;
                    default -> throw new ControlError(400, "outcome must be paid, async_success or async_failure, not '" + outcome + "'");
                };
                return controlJson(200, ledger.completeSession(m.group(1), parsed));
            }
            if ((m = CONTROL_EXPIRE.matcher(path)).matches()) {
                requireMethod("POST", method);
                try {
                    return controlJson(200, ledger.expireSession(m.group(1)));
                } catch (StripeError e) {
                    throw e.status == 404 ? e : new ControlError(409, e.getMessage());
                }
            }
            if ((m = CONTROL_DISPUTE.matcher(path)).matches()) {
                requireMethod("POST", method);
                String outcome = field(body, "outcome", null);
                if (outcome != null && !outcome.equals("won") && !outcome.equals("lost")) {
                    throw new ControlError(400, "outcome must be won or lost, or absent to open a dispute");
                }
                return controlJson(200, ledger.dispute(m.group(1), outcome));
            }
            if ((m = CONTROL_RESEND.matcher(path)).matches()) {
                requireMethod("POST", method);
                if (!webhooks.resend(m.group(1))) {
                    throw new ControlError(404, "No event " + m.group(1));
                }
                return controlJson(202, Map.of("event", m.group(1), "resent", true));
            }
            if (path.equals("/_local/stripe/events")) {
                requireMethod("GET", method);
                return controlJson(200, Map.of("items", webhooks.list()));
            }
            throw new ControlError(404, "No Stripe control " + path + "; see GET /_local/info");
        } catch (ControlError e) {
            return problem(e.status, e.getMessage(), path);
        } catch (StripeError e) {
            return problem(e.status, e.getMessage(), path);
        } catch (IllegalStateException e) {
            return problem(409, e.getMessage(), path);
        }
    }

    private static final class ControlError extends RuntimeException {
        final int status;

        ControlError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static void requireMethod(String expected, String method) {
        if (!expected.equals(method)) {
            throw new ControlError(405, "Use " + expected);
        }
    }

    private String field(byte[] body, String name, String fallback) {
        if (body == null || body.length == 0) {
            return fallback;
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new ControlError(400, "The body is not JSON");
        }
        if (json == null || json.isMissingNode() || json.isNull()) {
            return fallback;
        }
        if (!json.isObject()) {
            throw new ControlError(400, "Send a JSON object");
        }
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ControlError(400, name + " must be a string");
        }
        return value.asText();
    }

    private ControlResponse controlJson(int status, Object body) {
        return new ControlResponse(status, "application/json", json(body));
    }

    private ControlResponse problem(int status, String detail, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            default -> "Error";
        });
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", path);
        return new ControlResponse(status, "application/problem+json", json(problem));
    }

    // ---- the HTTP server ----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            ControlResponse response;
            Map<String, String> headers = new LinkedHashMap<>();
            try {
                byte[] body = readBody(exchange);
                if (path.startsWith("/v1/")) {
                    response = api(exchange, method, path, body, headers);
                } else if (PAY.matcher(path).matches()) {
                    response = HostedPage.serve(ledger, method, PAY.matcher(path).replaceFirst("$1"), body, headers);
                } else if (path.startsWith("/_local/stripe/")) {
                    response = control(method, path, body);
                } else {
                    response = apiError(StripeError.invalid(null, "Unrecognized request URL (" + method + ": " + path + ")."), 404);
                }
            } catch (RuntimeException e) {
                LOG.error("Stripe stand-in failed on {} {}", method, path, e);
                response = apiError(new StripeError(500, "api_error", null, null, "The Stripe stand-in failed: " + e), 500);
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean empty = response.body().length == 0 || method.equals("HEAD");
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    private ControlResponse api(HttpExchange exchange, String method, String path, byte[] body, Map<String, String> headers) {
        headers.put("Request-Id", "req_" + Ids.random(14));
        headers.put("Stripe-Version", Stripe.API_VERSION);
        try {
            authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            Map<String, Object> params = FormParams.parse(method.equals("GET")
                    ? exchange.getRequestURI().getRawQuery() : new String(body, StandardCharsets.UTF_8));
            if (method.equals("POST")) {
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (key != null && !key.isEmpty()) {
                    headers.put("Idempotency-Key", key);
                    Idempotency.Result result = idempotency.run(key, method + " " + path + " " + FormParams.canonical(params),
                            () -> route(method, path, params), this::json);
                    if (result.replayed()) {
                        headers.put("Idempotent-Replayed", "true");
                    }
                    return new ControlResponse(result.status(), "application/json", result.body());
                }
            }
            Map<String, Object> object = route(method, path, params);
            return new ControlResponse(200, "application/json", json(object));
        } catch (StripeError e) {
            return apiError(e, e.status);
        }
    }

    private void authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new StripeError(401, "invalid_request_error", null, null,
                    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        String key = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        if (!key.equals(apiKey)) {
            String shown = key.length() > 4 ? key.substring(0, Math.min(8, key.length() - 4)) + "****" + key.substring(key.length() - 4) : "****";
            throw new StripeError(401, "invalid_request_error", "api_key_invalid", null, "Invalid API Key provided: " + shown);
        }
    }

    private Map<String, Object> route(String method, String path, Map<String, Object> params) {
        Matcher m;
        if (path.equals("/v1/checkout/sessions") && method.equals("POST")) {
            return ledger.createSession(params);
        }
        if ((m = SESSION_EXPIRE.matcher(path)).matches() && method.equals("POST")) {
            return ledger.expireSession(m.group(1));
        }
        if ((m = SESSION.matcher(path)).matches() && method.equals("GET")) {
            return expand(ledger.retrieve("checkout.session", m.group(1)), params);
        }
        if (path.equals("/v1/refunds") && method.equals("POST")) {
            return ledger.createRefund(params);
        }
        if ((m = OBJECT.matcher(path)).matches() && method.equals("GET")) {
            String id = m.group(2);
            if (m.group(1).equals("events")) {
                return webhooks.find(id).map(e -> read(e.payload()))
                        .orElseThrow(() -> StripeError.noSuch("event", "id", id));
            }
            String kind = switch (m.group(1)) {
                case "payment_intents" -> "payment_intent";
                case "charges" -> "charge";
                case "refunds" -> "refund";
                default -> "dispute";
            };
            return expand(ledger.retrieve(kind, id), params);
        }
        throw new StripeError(404, "invalid_request_error", null, null,
                "Unrecognized request URL (" + method + ": " + path + "). The local Stripe stand-in serves only the calls Lectern makes.");
    }

    /** {@code expand[]=payment_intent}, {@code expand[]=latest_charge} and the like: one level, ids of known objects. */
    private Map<String, Object> expand(Map<String, Object> object, Map<String, Object> params) {
        Object expand = params.get("expand");
        List<?> fields = expand instanceof List<?> list ? list : expand instanceof String s ? List.of(s) : List.of();
        for (Object field : fields) {
            String name = String.valueOf(field);
            if (!object.containsKey(name)) {
                throw StripeError.invalid("expand", "This property cannot be expanded (" + name + ").");
            }
            if (object.get(name) instanceof String id) {
                Map<String, Object> expanded = ledger.byId(id);
                if (expanded != null) {
                    object.put(name, expanded);
                }
            }
        }
        return object;
    }

    private ControlResponse apiError(StripeError error, int status) {
        return new ControlResponse(status, "application/json", json(error.body()));
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw StripeError.invalid(null, "The request body is too large.");
            }
            return body;
        }
    }

    byte[] json(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(byte[] json) {
        try {
            return mapper.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expireDueSessions() {
        while (!closed) {
            try {
                Thread.sleep(1_000);
                ledger.expireDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("expiring due Checkout Sessions failed", e);
            }
        }
    }

    /** Stops the server and the deliveries still under way. */
    @Override
    public void close() {
        closed = true;
        expirer.interrupt();
        server.stop(0);
        webhooks.close();
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "StripeStandIn[" + apiBase() + " -> " + webhooks.webhookUrl() + "]";
    }
}
