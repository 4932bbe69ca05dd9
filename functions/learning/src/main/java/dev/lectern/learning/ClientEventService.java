package dev.lectern.learning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.ClientNetworks;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.Problem;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.sqs.BehaviourSender;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.ids.Ids;
import dev.lectern.events.EventEnvelope;
import dev.lectern.learning.LearningViews.EventsAccepted;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /events}: what clients saw, onto the behaviour queue, all or nothing.
 *
 * <ol>
 *   <li>The batch's shape: an object with {@code events}, an array of 1 to {@value LearningFunctions#MAX_EVENTS}
 *       objects (400; more events 413; more than 64 KB was 413 before the handler ran).</li>
 *   <li>Who: a signed-in caller's user id from the token; an anonymous caller names its device in
 *       {@value #DEVICE_HEADER} (400 without it). A signed-in caller may name it too, which ties its
 *       anonymous events to the account.</li>
 *   <li>Each event against its schemas ({@link ClientEvents}); any bad event is 422 naming every
 *       problem of every event by index ({@code events[3].props.query}), and nothing is sent.</li>
 *   <li>An anonymous caller is counted per device and per network ({@link EventRateLimiter}; 429
 *       with {@code Retry-After} over the limit). Only requests that would send are counted, so a
 *       refused batch costs no write.</li>
 *   <li>One message with every event to the behaviour queue: ids minted here, the request's
 *       correlation id; 202 {@code {"accepted": n}}.</li>
 * </ol>
 */
@Singleton
public class ClientEventService {

    public static final String DEVICE_HEADER = "lectern-device-id";
    /** What a device id looks like: a UUID or another opaque id of 8 to 64 visible characters. */

    private final ClientEvents events;
    private final EventRateLimiter limiter;
    private final BehaviourQueue queue;
    private final LearningSettings settings;
    private final Clock clock;

    public ClientEventService(ClientEvents events, EventRateLimiter limiter, BehaviourQueue queue, LearningSettings settings, Clock clock) {
        this.events = events;
        this.limiter = limiter;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    public EventsAccepted accept(Optional<Caller> caller, Optional<String> deviceHeader, String sourceIp, LearningRequests.EventBatch batch,
                                 String correlationId) {
        List<JsonNode> sent = shapeOf(batch);
        String deviceId = deviceOf(caller, deviceHeader);
        String userId = caller.map(Caller::userId).orElse(null);
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            ClientEvents.Checked checked = events.check(sent.get(i), userId, deviceId, now);
            String prefix = "events[" + i + "]";
            if (checked.valid()) {
                envelopes.add(checked.behaviour().envelope(Ids.newId(), checked.occurredAt(), correlationId));
            } else {
                checked.errors().forEach(e -> errors.add(new FieldError(e.field().equals("event") ? prefix : prefix + "." + e.field(),
                        e.message())));
            }
        }
        if (!errors.isEmpty()) {
            long bad = errors.stream().map(e -> e.field().substring(0, e.field().indexOf(']') + 1)).distinct().count();
            throw ProblemException.withErrors(ProblemType.UNPROCESSABLE, bad + " of " + sent.size()
                    + " events are not valid; none was accepted", errors);
        }
        if (caller.isEmpty()) {
            throttle("network", ClientNetworks.of(sourceIp), settings.perNetwork(), now);
            throttle("device", deviceId, settings.perDevice(), now);
        }
        queue.sendAll(envelopes);
        return new EventsAccepted(envelopes.size());
    }

    /** The events of a batch of the right shape; 400 or 413 otherwise. */
    private static List<JsonNode> shapeOf(LearningRequests.EventBatch batch) {
        List<JsonNode> sent = batch.events();
        if (sent == null) {
            throw ProblemException.validation(List.of(new FieldError("events", "is required")));
        }
        if (sent.isEmpty()) {
            throw ProblemException.validation(List.of(new FieldError("events", "must hold at least one event")));
        }
        if (sent.size() > LearningFunctions.MAX_EVENTS) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "At most " + LearningFunctions.MAX_EVENTS
                    + " events a request; this one has " + sent.size() + ": send them in several");
        }
        List<FieldError> notObjects = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i) == null || !sent.get(i).isObject()) {
                notObjects.add(new FieldError("events[" + i + "]", "must be an object"));
            }
        }
        if (!notObjects.isEmpty()) {
            throw ProblemException.validation(notObjects);
        }
        return sent;
    }

    private static String deviceOf(Optional<Caller> caller, Optional<String> header) {
        if (header.isPresent()) {
            String device = header.get().trim();
            if (!BehaviourSender.DEVICE_ID.matcher(device).matches()) {
                throw ProblemException.validation(List.of(new FieldError("Lectern-Device-Id",
                        "must be 8 to 64 characters of A-Z, a-z, 0-9 and . _ : - (a UUID will do)")));
            }
            return device;
        }
        if (caller.isEmpty()) {
            throw ProblemException.validation(List.of(new FieldError("Lectern-Device-Id",
                    "is required without a bearer token: name the device (a UUID the client keeps)")));
        }
        return null;
    }

    private void throttle(String kind, String sender, int limit, Instant now) {
        Optional<Instant> refusedUntil = limiter.count(kind, sender, limit, now);
        if (refusedUntil.isPresent()) {
            long retryAfter = Math.max(1, refusedUntil.get().getEpochSecond() - now.getEpochSecond());
            Problem problem = ProblemType.TOO_MANY_REQUESTS.problem("Too many event batches from this " + kind
                    + " this minute (at most " + limit + "); batch more events per request");
            throw new ProblemException(problem, Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }
}
