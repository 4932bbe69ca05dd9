package dev.lectern.learning;

import static dev.lectern.core.resources.ResourceId.BEHAVIOUR_QUEUE;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.send;

import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The learning context's functions: learners record their progress in lessons and read it per
 * course; clients send the behaviour they see (views, searches, recommendation clicks) to the
 * behaviour queue.
 */
public final class LearningFunctions implements ContextFunctions {

    static final String MODULE = "learning";
    /** What a progress write or read reaches besides progress: the course and its lessons, the learner's entitlement (core's layouts). */
    static final TableKeys CATALOG_READS = TableKeys.of(Courses.PARTITION_PREFIX).and(Entitlements.KEYS);
    /** The request counters of anonymous event senders (EventRateLimiter). */
    static final TableKeys RATE_KEYS = TableKeys.of(EventRateLimiter.PARTITION_PREFIX);

    /** A progress body is a few dozen bytes. */
    static final int MAX_PROGRESS_BYTES = 1024;
    /** At most this many events in one POST /events, and this many bytes. */
    static final int MAX_EVENTS = 100;
    static final int MAX_EVENTS_BYTES = 64 * 1024;

    private static final List<Route> ROUTES = List.of(
            Route.put("/courses/{courseId}/lessons/{lessonId}/progress").id("record-progress")
                    .handler(MODULE, RecordProgressHandler.class)
                    .audience(Audience.ENROLLED).problems(ProblemType.FORBIDDEN, ProblemType.CONFLICT, ProblemType.UNPROCESSABLE)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(Progress.KEYS), read(CATALOG_READS))
                    .summary("Record a position in a lesson and its completion (never taken back): entitled learners, anyone on a "
                            + "free preview; the same position writes nothing; 422 past the lesson's end")
                    .request("ProgressUpdate", LearningRequests.ProgressUpdate.class, MAX_PROGRESS_BYTES).responds(200, "LessonProgress")
                    .build(),
            Route.get("/me/courses/{courseId}/progress").id("course-progress")
                    .handler(MODULE, CourseProgressHandler.class)
                    .audience(Audience.SIGNED_IN)
                    .auth(Auth.USER).memory(512)
                    .access(read(Progress.KEYS.and(CATALOG_READS)))
                    .summary("The caller's progress in a course: each lesson touched, lessons completed of the syllabus, percent complete "
                            + "and the lesson to continue with")
                    .responds(200, "CourseProgress")
                    .build(),
            Route.post("/events").id("client-events")
                    .handler(MODULE, ClientEventsHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.UNPROCESSABLE, ProblemType.TOO_MANY_REQUESTS)
                    .throttlesByNetwork()
                    .auth(Auth.OPTIONAL_USER).memory(1024)
                    .access(send(BEHAVIOUR_QUEUE), readWrite(RATE_KEYS))
                    .summary("Behaviour a client saw (views, searches, recommendation clicks): up to 100 events, 64 KB, each checked "
                            + "against its schema; one bad event refuses all (422 by index); anonymous: Lectern-Device-Id, rate-limited")
                    .request("EventBatch", LearningRequests.EventBatch.class, MAX_EVENTS_BYTES).responds(202, "EventsAccepted")
                    .idempotent()
                    .build());

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }
}
