package dev.lectern.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.dynamo.Progress;
import dev.lectern.events.Behaviour;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressChangeTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private static Optional<Progress.Entry> at(long position, boolean completed, Instant updatedAt) {
        return Optional.of(new Progress.Entry("C", "L", position, completed, updatedAt, 3));
    }

    @Test
    void aFirstReportStartsTheLessonAndCountsNoSeconds() {
        ProgressChange change = ProgressChange.of(Optional.empty(), 40, null, T0).orElseThrow();

        assertThat(change.created()).isTrue();
        assertThat(change.secondsLearned()).isZero();
        assertThat(change.behaviours("U", "C", "L")).containsExactly(new Behaviour.LessonStarted("U", "C", "L"),
                new Behaviour.LessonProgress("U", "C", "L", 0, 40));
        assertThat(ProgressChange.of(Optional.empty(), 0, null, T0).orElseThrow().behaviours("U", "C", "L"))
                .containsExactly(new Behaviour.LessonStarted("U", "C", "L"));
    }

    @Test
    void secondsLearnedAreTheAdvanceButNeverMoreThanTheTimeElapsed() {
        // played 30 s in 30 s
        assertThat(ProgressChange.of(at(60, false, T0), 90, null, T0.plusSeconds(30)).orElseThrow().secondsLearned()).isEqualTo(30);
        // sought 10 minutes ahead within 30 s: a seek forward is not learning
        assertThat(ProgressChange.of(at(60, false, T0), 660, null, T0.plusSeconds(30)).orElseThrow().secondsLearned()).isEqualTo(30);
        // a paused tab reporting after an hour, 5 s further: 5 s
        assertThat(ProgressChange.of(at(60, false, T0), 65, null, T0.plusSeconds(3600)).orElseThrow().secondsLearned()).isEqualTo(5);
        // a rewind learns nothing new, but moves the position
        ProgressChange rewind = ProgressChange.of(at(600, false, T0), 100, null, T0.plusSeconds(30)).orElseThrow();
        assertThat(rewind.secondsLearned()).isZero();
        assertThat(rewind.behaviours("U", "C", "L")).containsExactly(new Behaviour.LessonProgress("U", "C", "L", 0, 100));
        // a clock behind the previous report's counts 0, not a negative
        assertThat(ProgressChange.of(at(60, false, T0), 90, null, T0.minusSeconds(5)).orElseThrow().secondsLearned()).isZero();
    }

    @Test
    void theSamePositionAgainChangesNothing() {
        assertThat(ProgressChange.of(at(60, false, T0), 60, null, T0.plusSeconds(30))).isEmpty();
        assertThat(ProgressChange.of(at(60, false, T0), 60, false, T0.plusSeconds(30))).isEmpty();
        assertThat(ProgressChange.of(at(60, true, T0), 60, true, T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void completionNeverGoesBack() {
        ProgressChange done = ProgressChange.of(at(60, false, T0), 60, true, T0.plusSeconds(5)).orElseThrow();
        assertThat(done.completed()).isTrue();
        assertThat(done.completedNow()).isTrue();
        assertThat(done.behaviours("U", "C", "L")).containsExactly(new Behaviour.LessonCompleted("U", "C", "L"));

        ProgressChange later = ProgressChange.of(at(60, true, T0), 10, false, T0.plusSeconds(5)).orElseThrow();
        assertThat(later.completed()).as("completed: false after completion").isTrue();
        assertThat(later.completedNow()).isFalse();
        assertThat(ProgressChange.of(at(60, true, T0), 10, null, T0.plusSeconds(5)).orElseThrow().completed()).isTrue();
        assertThat(ProgressChange.of(at(60, true, T0), 60, false, T0.plusSeconds(5))).as("nothing to write").isEmpty();
    }
}
