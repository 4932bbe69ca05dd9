package dev.lectern.events;

import java.util.Locale;
import java.util.Objects;

/**
 * What a learner did, as sent on the behaviour queue (payload of an envelope whose type starts
 * with {@value #TYPE_PREFIX}). Analytics and recommendations are computed from these.
 *
 * @param userId   the learner
 * @param courseId the course acted on
 * @param lessonId the lesson, when the action concerns one (else null)
 * @param action   what happened
 * @param value    an action-specific amount (seconds watched, progress percent), else 0
 */
public record BehaviourEvent(String userId, String courseId, String lessonId, Action action, long value) {

    public static final String TYPE_PREFIX = "behaviour.";

    public enum Action { COURSE_VIEWED, LESSON_STARTED, LESSON_PROGRESS, LESSON_COMPLETED, COURSE_PURCHASED }

    public BehaviourEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(action, "action");
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative");
        }
    }

    /** The envelope type for this event, e.g. {@code behaviour.lesson_completed}. */
    public String envelopeType() {
        return TYPE_PREFIX + action.name().toLowerCase(Locale.ROOT);
    }
}
