package dev.lectern.local.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's events and their webhook deliveries: each event is frozen as JSON when it happens,
 * signed like Stripe ({@code Stripe-Signature: t=…,v1=…}) at each attempt and POSTed from its own
 * virtual thread, retried with exponential backoff while the answer is not 2xx. An event's first
 * attempt waits for the previous event's first attempt, so a receiver sees events in the order
 * they happened unless it fails them; retries do not hold anything up.
 */
final class WebhookDeliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    /** One event: its payload as sent, and every delivery attempt. */
    record Event(String id, String type, byte[] payload, List<Map<String, Object>> attempts) {
    }

    private final ObjectMapper mapper;
    private final Clock clock;
    private final String secret;
    private final Duration firstRetryDelay;
    private final int maxAttempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Event> events = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile URI webhookUrl;
    private CompletableFuture<Void> previousFirstAttempt = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    WebhookDeliveries(ObjectMapper mapper, Clock clock, String secret, Duration firstRetryDelay, int maxAttempts, URI webhookUrl) {
        this.mapper = mapper;
        this.clock = clock;
        this.secret = secret;
        this.firstRetryDelay = firstRetryDelay;
        this.maxAttempts = maxAttempts;
        this.webhookUrl = webhookUrl;
    }

    void setWebhookUrl(URI url) {
        this.webhookUrl = url;
    }

    URI webhookUrl() {
        return webhookUrl;
    }

    /** Records an event about {@code object} as it is now (the caller passes a copy) and delivers it. */
    synchronized String emit(String type, Map<String, Object> object) {
        String id = Ids.next("evt_");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", clock.instant().getEpochSecond());
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        event.put("request", request);
        event.put("type", type);
        byte[] payload;
        try {
            payload = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Event recorded = new Event(id, type, payload, new ArrayList<>());
        events.add(recorded);
        deliver(recorded);
        return id;
    }

    /** Delivers an event again: same id and payload, fresh signature. */
    synchronized boolean resend(String eventId) {
        Optional<Event> event = find(eventId);
        event.ifPresent(this::deliver);
        return event.isPresent();
    }

    synchronized Optional<Event> find(String eventId) {
        return events.stream().filter(e -> e.id().equals(eventId)).findFirst();
    }

    /** The dashboard: every event, newest first, with its attempts. */
    synchronized List<Map<String, Object>> list() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Event event : events.reversed()) {
            Map<String, Object> item = new LinkedHashMap<>();
            try {
                item.put("event", mapper.readValue(event.payload(), Map.class));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            synchronized (event.attempts()) {
                item.put("attempts", List.copyOf(event.attempts()));
            }
            items.add(item);
        }
        return items;
    }

    private void deliver(Event event) {
        if (closed) {
            return;
        }
        CompletableFuture<Void> after = previousFirstAttempt;
        CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
        previousFirstAttempt = firstAttempt;
        Thread thread = Thread.ofVirtual().name("stripe-webhook-" + event.id()).unstarted(() -> {
            try {
                after.get(ATTEMPT_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                firstAttempt.complete(null);
                return;
            } catch (Exception ignored) {
                // the previous delivery hung or failed: go ahead
            }
            deliverWithRetries(event, firstAttempt);
        });
        threads.removeIf(t -> !t.isAlive());
        threads.add(thread);
        thread.start();
    }

    private void deliverWithRetries(Event event, CompletableFuture<Void> firstAttempt) {
        Duration delay = firstRetryDelay;
        for (int attempt = 1; attempt <= maxAttempts && !closed; attempt++) {
            boolean delivered = attempt(event);
            firstAttempt.complete(null);
            if (delivered || attempt == maxAttempts) {
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2);
        }
        firstAttempt.complete(null);
    }

    private boolean attempt(Event event) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", clock.instant().toString());
        boolean delivered = false;
        URI url = webhookUrl;
        try {
            if (url == null) {
                record.put("error", "no webhook URL set");
            } else {
                String header = signatureHeader(event.payload(), clock.instant().getEpochSecond());
                HttpRequest request = HttpRequest.newBuilder(url).timeout(ATTEMPT_TIMEOUT)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Stripe-Signature", header)
                        .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(event.payload())).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                record.put("status", status);
                delivered = status >= 200 && status < 300;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record.put("error", "interrupted");
        } catch (IOException | RuntimeException e) {
            record.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        synchronized (event.attempts()) {
            event.attempts().add(record);
        }
        LOG.debug("stripe webhook {} {} -> {}", event.type(), event.id(), record);
        return delivered;
    }

    /** Stripe's scheme: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>}. */
    String signatureHeader(byte[] payload, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        running.forEach(Thread::interrupt);
        http.shutdownNow(); // close() would wait for attempts under way
    }
}
