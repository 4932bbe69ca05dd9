package dev.lectern.events;

import java.time.Instant;

/**
 * What a learner (or an anonymous visitor) did: the payload of every behaviour event on the
 * behaviour queue and in the S3 event log. One record per event type; {@link BehaviourType}
 * names them and their JSON schemas ({@code schemas/behaviour/<type>.json} in this module).
 *
 * <p>Every payload is one flat JSON object. {@code userId} is the signed-in learner (null for an
 * anonymous visitor, who is known by {@code deviceId} instead); {@code courseId} is null only for a
 * search. Flat payloads keep the event log one table for SQL: a field one type lacks is null.
 *
 * <p>State changes (enrolment, payment, refund, progress, completion, review) are produced by the
 * server with the change that causes them; read-path types (views, searches, recommendation
 * clicks) by the server on its read routes and by clients through {@code POST /events}.
 */
public sealed interface Behaviour {

    String userId();

    default String deviceId() {
        return null;
    }

    String courseId();

    default String lessonId() {
        return null;
    }

    /** The envelope of this behaviour: its type, a fresh-or-given id, when it happened. */
    default EventEnvelope envelope(String id, Instant occurredAt, String correlationId) {
        return EventEnvelope.of(id, BehaviourType.of(this).envelopeType(), occurredAt, correlationId, this);
    }

    /** A course page was seen; {@code source} says from where (catalog, search, recommendation, direct…), may be null. */
    record CourseViewed(String userId, String deviceId, String courseId, String source) implements Behaviour {
    }

    /** A catalog search and how many results it had. */
    record SearchPerformed(String userId, String deviceId, String query, int resultCount) implements Behaviour {
        @Override
        public String courseId() {
            return null;
        }
    }

    /** A recommended course was opened: which model version recommended it, why, at which position (0-based). */
    record RecommendationClicked(String userId, String deviceId, String courseId, String modelVersion, String reason,
                                 int position) implements Behaviour {
    }

    /** A learner gained a course: {@code source} is {@code free} or {@code purchase}. */
    record Enrolled(String userId, String courseId, String source) implements Behaviour {
    }

    /** An order was paid: the amount charged in minor units of its currency. */
    record OrderPaid(String userId, String courseId, String orderId, long amount, String currency) implements Behaviour {
    }

    /** Money went back on an order: the amount of this refund (or lost dispute) in minor units. */
    record OrderRefunded(String userId, String courseId, String orderId, long amount, String currency) implements Behaviour {
    }

    /** The first progress of a learner in a lesson. */
    record LessonStarted(String userId, String courseId, String lessonId) implements Behaviour {
    }

    /** Seconds learned in a lesson since the previous progress, and the position reached. */
    record LessonProgress(String userId, String courseId, String lessonId, long seconds, long positionSeconds) implements Behaviour {
    }

    /** A lesson was completed (once per learner and lesson). */
    record LessonCompleted(String userId, String courseId, String lessonId) implements Behaviour {
    }

    /** A review was posted (the first one of a learner for a course), with its rating 1–5. */
    record ReviewPosted(String userId, String courseId, int rating) implements Behaviour {
    }
}
