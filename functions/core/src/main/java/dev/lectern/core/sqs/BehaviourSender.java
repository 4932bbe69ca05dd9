package dev.lectern.core.sqs;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventEnvelope;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Read-path behaviour events (a course viewed, a search), best effort: the send runs on a
 * background thread and the request waits for it at most {@value #WAIT_SETTING} milliseconds
 * (default {@value #DEFAULT_WAIT_MILLIS}), so a slow or failing queue never slows or fails a read.
 * A send still running when the response leaves finishes in the background, or, on Lambda, when
 * the execution environment next thaws; one lost with a reclaimed environment is the price of
 * not waiting. A failure is logged and counted ({@link #NOT_SENT}) — in the invocation in flight
 * when it is known, which may be a later one.
 *
 * <p>State changes never go this way: they leave with their write (core's {@code Outbox}).
 */
@Singleton
@Requires(classes = SqsClient.class)
public class BehaviourSender implements AutoCloseable {

    /** The header an anonymous client names its device by: 8–64 of {@code [A-Za-z0-9_-]}. */
    public static final String DEVICE_ID_HEADER = "Lectern-Device-Id";
    /** Milliseconds a request waits for its event's send, at most. */
    public static final String WAIT_SETTING = "LECTERN_BEHAVIOUR_WAIT_MILLIS";
    public static final long DEFAULT_WAIT_MILLIS = 5;
    /** Business metric: read-path events that could not be sent. */
    public static final String NOT_SENT = "BehaviourEventsNotSent";

    private static final Logger LOG = LoggerFactory.getLogger(BehaviourSender.class);
    /** What a device id may be: 8 to 64 characters of A-Z, a-z, 0-9 and . _ : - (a UUID will do); the same for every route. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private final EventPublisher publisher;
    private final String queueUrl;
    private final Clock clock;
    private final BusinessMetrics metrics;
    private final long waitMillis;
    /** One daemon thread: sends are rare per request and short; a queue of them keeps their order. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "behaviour-sender");
        thread.setDaemon(true);
        return thread;
    });

    public BehaviourSender(SqsClient sqs, LecternConfig config, Clock clock, BusinessMetrics metrics) {
        this.publisher = new EventPublisher(sqs);
        this.queueUrl = config.require(ResourceId.BEHAVIOUR_QUEUE);
        this.clock = clock;
        this.metrics = metrics;
        this.waitMillis = LecternConfig.setting(WAIT_SETTING).map(Long::parseLong).orElse(DEFAULT_WAIT_MILLIS);
    }

    /** A valid device id from the request's header value, if any; an invalid one is ignored, never an error on a read. */
    public static Optional<String> deviceId(Optional<String> header) {
        return header.map(String::trim).filter(v -> DEVICE_ID.matcher(v).matches());
    }

    /** Sends the event without making the caller wait more than the configured few milliseconds. */
    public void send(Behaviour behaviour) {
        EventEnvelope event = behaviour.envelope(Ids.newId(), clock.instant(), Logs.currentCorrelationId());
        Future<?> sending;
        try {
            sending = executor.submit(() -> {
                try {
                    publisher.publish(queueUrl, event);
                } catch (RuntimeException e) {
                    LOG.warn("behaviour event {} ({}) was not sent: {}", event.id(), event.type(), e.toString());
                    metrics.count(NOT_SENT);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("behaviour event {} ({}) was not sent: {}", event.id(), event.type(), e.toString());
            metrics.count(NOT_SENT);
            return;
        }
        try {
            sending.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillSending) {
            // it finishes in the background; the response does not wait for it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // the task catches its own failures; nothing else can end it
            LOG.warn("behaviour event {} ({}) was not sent: {}", event.id(), event.type(), e.getCause().toString());
        }
    }

    /** Micronaut closes it with the function's context; a send in flight finishes first. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
