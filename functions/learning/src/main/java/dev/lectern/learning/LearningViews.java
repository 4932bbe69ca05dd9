package dev.lectern.learning;

import java.time.Instant;
import java.util.List;

/** The learning context's answers as the API shows them. */
public final class LearningViews {

    private LearningViews() {
    }

    /** A learner's progress in one lesson. */
    public record LessonProgress(String courseId, String lessonId, long positionSeconds, boolean completed, Instant updatedAt) {
    }

    /** One lesson of a course's progress. */
    public record LessonEntry(String lessonId, long positionSeconds, boolean completed, Instant updatedAt) {
    }

    /**
     * A learner's progress in a course: the lessons touched (in syllabus order), how many of the
     * syllabus's lessons are completed, and where to continue (core's {@code Progress.summarize});
     * {@code continueLessonId} is absent before the first lesson is started and after the last is completed.
     */
    public record CourseProgress(String courseId, List<LessonEntry> lessons, int completedLessons, int totalLessons,
                                 int percentComplete, String continueLessonId) {
    }

    public record EventsAccepted(int accepted) {
    }
}
