package dev.lectern.learning;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.http.Validator;
import dev.lectern.events.EventEnvelope;
import dev.lectern.learning.LearningViews.CourseProgress;
import dev.lectern.learning.LearningViews.LessonEntry;
import dev.lectern.learning.LearningViews.LessonProgress;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Learners' progress: recorded lesson by lesson, read course by course.
 *
 * <p>A report is one BatchGetItem (the course, the lesson, the learner's entitlement and progress
 * in the lesson) and at most one conditional UpdateItem of the progress item, whose outbox carries
 * the report's events ({@code lesson_started}, {@code lesson_progress}, {@code lesson_completed}:
 * {@link ProgressChange}), so an event exists exactly when its change committed. A report that
 * changes nothing writes nothing. A write that loses a race to a concurrent report of the same
 * lesson is decided again from the item that won (the failed condition returns it) and written
 * once more; a second loss is 409.
 */
@Singleton
public class ProgressService {

    /** Where a lesson has no duration (an article, a document), a position is still at most a day. */
    static final long MAX_POSITION_SECONDS = 24 * 3600;
    private static final int WRITE_ATTEMPTS = 2;

    private final ProgressStore store;
    private final java.time.Clock clock;

    public ProgressService(ProgressStore store, java.time.Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public LessonProgress record(Caller caller, String courseId, String lessonId, LearningRequests.ProgressUpdate update,
                                 String correlationId) {
        new Validator().required("positionSeconds", update.positionSeconds())
                .range("positionSeconds", update.positionSeconds(), 0, MAX_POSITION_SECONDS)
                .throwIfInvalid();
        long position = update.positionSeconds();
        ProgressStore.Snapshot snapshot = store.read(caller.userId(), courseId, lessonId);
        if (snapshot.course() == null) {
            throw ProblemException.notFound("No course " + courseId);
        }
        boolean entitled = snapshot.entitlement() != null && Entitlements.isActive(snapshot.entitlement());
        boolean published = Courses.isPublished(snapshot.course());
        if (!published && !entitled) {
            // an unpublished course exists only for its learners (and its creator and admins, who record no progress in it)
            throw ProblemException.notFound("No course " + courseId);
        }
        if (snapshot.lesson() == null) {
            throw ProblemException.notFound("No lesson " + lessonId);
        }
        boolean preview = published && snapshot.lesson().containsKey("freePreview") && Boolean.TRUE.equals(snapshot.lesson().get("freePreview").bool());
        if (!entitled && !preview) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Enrol in (or buy) the course to record progress in this lesson");
        }
        AttributeValue duration = snapshot.lesson().get("durationSeconds");
        if (duration != null && position > Long.parseLong(duration.n())) {
            throw ProblemException.withErrors(ProblemType.UNPROCESSABLE, "The position is past the lesson's end",
                    List.of(new FieldError("positionSeconds", "must be at most the lesson's duration, " + duration.n() + " seconds")));
        }
        Optional<Progress.Entry> current = Progress.entry(snapshot.progress());
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<ProgressChange> change = ProgressChange.of(current, position, update.completed(), now);
            if (change.isEmpty()) {
                return current.map(ProgressService::view).orElseThrow();
            }
            List<EventEnvelope> events = change.get().behaviours(caller.userId(), courseId, lessonId).stream()
                    .map(behaviour -> Outbox.event(behaviour, now, correlationId)).toList();
            try {
                Map<String, AttributeValue> written = store.write(caller.userId(), courseId, lessonId, current, change.get(), now, events);
                return view(Progress.entry(written).orElseThrow());
            } catch (ProgressStore.LostRace lost) {
                current = Progress.entry(lost.current());
            }
        }
        throw new ProblemException(ProblemType.CONFLICT, "This lesson's progress is being reported concurrently; report again");
    }

    /**
     * The caller's progress in a course: one Query of the course's partition (its syllabus, and
     * whether it is published), one of the caller's progress in it, and for an unpublished course
     * one GetItem of the caller's entitlement (its learners keep it; to anyone else it does not exist).
     */
    public CourseProgress course(Caller caller, String courseId) {
        List<Map<String, AttributeValue>> partition = store.syllabus(courseId);
        Map<String, AttributeValue> meta = partition.stream().filter(item -> item.get("SK").s().equals(Courses.META)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        boolean insider = caller.isAdmin() || caller.userId().equals(meta.containsKey("creatorId") ? meta.get("creatorId").s() : null);
        if (!Courses.isPublished(meta) && !insider && !store.entitled(caller.userId(), courseId)) {
            throw ProblemException.notFound("No course " + courseId);
        }
        List<String> syllabus = Courses.syllabusOrder(partition);
        List<Progress.Entry> entries = store.progress(caller.userId(), courseId);
        Progress.Summary summary = Progress.summarize(syllabus, entries);
        List<LessonEntry> lessons = entries.stream().filter(e -> syllabus.contains(e.lessonId()))
                .sorted(Comparator.comparingInt(e -> syllabus.indexOf(e.lessonId())))
                .map(e -> new LessonEntry(e.lessonId(), e.positionSeconds(), e.completed(), e.updatedAt())).toList();
        return new CourseProgress(courseId, lessons, summary.completedLessons(), summary.totalLessons(), summary.percentComplete(),
                summary.continueLessonId());
    }

    private static LessonProgress view(Progress.Entry entry) {
        return new LessonProgress(entry.courseId(), entry.lessonId(), entry.positionSeconds(), entry.completed(), entry.updatedAt());
    }
}
