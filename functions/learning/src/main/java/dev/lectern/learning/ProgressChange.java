package dev.lectern.learning;

import dev.lectern.core.dynamo.Progress;
import dev.lectern.events.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one progress report changes, decided from the learner's previous progress in the lesson
 * (none for a first report) alone, so that a write lost to a concurrent one is decided again from
 * the item that won.
 *
 * <ul>
 *   <li>Completion never goes back: {@code completed} false or left out keeps a completed lesson
 *       completed.</li>
 *   <li>The same position again, with nothing newly completed, changes nothing: no write.</li>
 *   <li>Seconds learned since the previous report = min(max(0, new position − old position),
 *       seconds elapsed since the previous report). The position's advance alone would count a seek
 *       forward (or a drag of the slider to the end) as learning; the time elapsed alone would count
 *       a paused tab; a rewind learns nothing new and counts 0. Playback faster than real time counts
 *       real time: these are the learner's seconds, not the content's. A first report counts 0 (no
 *       earlier report to measure from: clients report when playback starts).</li>
 * </ul>
 *
 * @param created        no earlier progress: the item is created (a {@code lesson_started} event)
 * @param secondsLearned by the rule above
 * @param completedNow   completion turned true with this report (a {@code lesson_completed} event)
 * @param moved          the position changed, or a first report's position is past 0 (a {@code lesson_progress} event)
 */
record ProgressChange(long positionSeconds, boolean completed, boolean created, long secondsLearned, boolean completedNow, boolean moved) {

    /** The change a report makes, or empty when it changes nothing. */
    static Optional<ProgressChange> of(Optional<Progress.Entry> previous, long position, Boolean completed, Instant now) {
        boolean wasCompleted = previous.map(Progress.Entry::completed).orElse(false);
        boolean nowCompleted = wasCompleted || Boolean.TRUE.equals(completed);
        if (previous.isPresent() && previous.get().positionSeconds() == position && nowCompleted == wasCompleted) {
            return Optional.empty();
        }
        long learned = 0;
        boolean moved = position > 0;
        if (previous.isPresent()) {
            long advance = Math.max(0, position - previous.get().positionSeconds());
            long elapsed = Math.max(0, Duration.between(previous.get().updatedAt(), now).toSeconds());
            learned = Math.min(advance, elapsed);
            moved = position != previous.get().positionSeconds();
        }
        return Optional.of(new ProgressChange(position, nowCompleted, previous.isEmpty(), learned, nowCompleted && !wasCompleted, moved));
    }

    /** The behaviour this change is, in the order it happened: started, progress, completed. */
    List<Behaviour> behaviours(String userId, String courseId, String lessonId) {
        List<Behaviour> events = new ArrayList<>();
        if (created) {
            events.add(new Behaviour.LessonStarted(userId, courseId, lessonId));
        }
        if (moved) {
            events.add(new Behaviour.LessonProgress(userId, courseId, lessonId, secondsLearned, positionSeconds));
        }
        if (completedNow) {
            events.add(new Behaviour.LessonCompleted(userId, courseId, lessonId));
        }
        return events;
    }
}
