package dev.lectern.core.routes;

import static dev.lectern.core.resources.ResourceId.ANALYTICS_BUCKET;
import static dev.lectern.core.resources.ResourceId.BEHAVIOUR_QUEUE;
import static dev.lectern.core.resources.ResourceId.MEDIA_BUCKET;
import static dev.lectern.core.resources.ResourceId.SIGNING_KEYS;
import static dev.lectern.core.resources.ResourceId.VERIFICATION_KEYS;
import static dev.lectern.core.resources.ResourceId.TABLE;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.write;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The route catalog: every function Lectern deploys, once. The CDK stack builds one function,
 * one route or trigger and least-privilege grants per entry; the local platform dispatches from
 * it; the OpenAPI document is generated from it. Adding an endpoint means: a handler, an entry
 * here, tests.
 */
public final class LecternCatalog {

    public static final List<Route> ROUTES = List.of(
            Route.get("/health").id("health")
                    .handler("platform", "dev.lectern.platform.HealthHandler")
                    .auth(Auth.PUBLIC)
                    .memory(512)
                    .access(read(TABLE))
                    .summary("Liveness: the function runs and the table answers")
                    .responds(200, "Health")
                    .build(),

            // identity: Argon2id (19 MiB, t=2) is CPU-bound; Lambda gives CPU in proportion to memory
            Route.post("/auth/register").id("register")
                    .handler("identity", "dev.lectern.identity.RegisterHandler")
                    .auth(Auth.PUBLIC).memory(1024)
                    .access(readWrite(TABLE))
                    .summary("Create an account (role learner)")
                    .request("Registration", 4 * 1024).responds(201, "Profile")
                    .build(),
            Route.post("/auth/login").id("login")
                    .handler("identity", "dev.lectern.identity.LoginHandler")
                    .auth(Auth.PUBLIC).memory(1024)
                    .access(readWrite(TABLE), read(SIGNING_KEYS))
                    .summary("Exchange email and password for an access and a refresh token")
                    .request("Login", 4 * 1024).responds(200, "TokenPair")
                    .build(),
            Route.post("/auth/refresh").id("refresh")
                    .handler("identity", "dev.lectern.identity.RefreshHandler")
                    .auth(Auth.PUBLIC).memory(512)
                    .access(readWrite(TABLE), read(SIGNING_KEYS))
                    .summary("Rotate a refresh token: a new pair; a reused token revokes its session")
                    .request("RefreshRequest", 4 * 1024).responds(200, "TokenPair")
                    .build(),
            Route.post("/auth/logout").id("logout")
                    .handler("identity", "dev.lectern.identity.LogoutHandler")
                    .auth(Auth.PUBLIC).memory(512)
                    .access(readWrite(TABLE))
                    .summary("End the session of a refresh token")
                    .request("RefreshRequest", 4 * 1024).responds(204, null)
                    .build(),
            Route.get("/me").id("get-me")
                    .handler("identity", "dev.lectern.identity.GetMeHandler")
                    .auth(Auth.USER).memory(512)
                    .access(read(TABLE))
                    .summary("The caller's profile")
                    .responds(200, "Profile")
                    .build(),
            Route.patch("/me").id("update-me")
                    .handler("identity", "dev.lectern.identity.UpdateMeHandler")
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Change the caller's display name or bio")
                    .request("ProfileUpdate", 8 * 1024).responds(200, "Profile")
                    .build(),
            Route.delete("/me").id("delete-me")
                    .handler("identity", "dev.lectern.identity.DeleteMeHandler")
                    .auth(Auth.USER).memory(1024)
                    .access(readWrite(TABLE))
                    .summary("Erase the caller's account (password required)")
                    .request("AccountDeletion", 4 * 1024).responds(204, null)
                    .build(),
            Route.get("/me/export").id("export-me")
                    .handler("identity", "dev.lectern.identity.ExportMeHandler")
                    .auth(Auth.USER).memory(512)
                    .access(read(TABLE))
                    .summary("Every personal data item of the caller")
                    .responds(200, "PersonalDataExport")
                    .build(),
            Route.post("/me/roles/creator").id("become-creator")
                    .handler("identity", "dev.lectern.identity.BecomeCreatorHandler")
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(TABLE))
                    .summary("The caller becomes a creator (and stays a learner)")
                    .responds(200, "Profile")
                    .build(),
            Route.put("/admin/users/{id}/roles").id("set-user-roles")
                    .handler("identity", "dev.lectern.identity.SetUserRolesHandler")
                    .auth(Auth.ADMIN).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Set a user's roles (admin)")
                    .request("RolesUpdate", 4 * 1024).responds(200, "Profile")
                    .build(),
            Route.get("/.well-known/jwks.json").id("jwks")
                    .handler("identity", "dev.lectern.identity.JwksHandler")
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(VERIFICATION_KEYS))
                    .summary("The public keys that verify access tokens")
                    .responds(200, "Jwks")
                    .build(),

            // catalog: creators build courses; anyone browses; entitled learners reach content
            Route.post("/courses").id("create-course")
                    .handler("catalog", "dev.lectern.catalog.CreateCourseHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Create a draft course")
                    .request("CourseFields", 32 * 1024).responds(201, "Course")
                    .build(),
            Route.patch("/courses/{courseId}").id("update-course")
                    .handler("catalog", "dev.lectern.catalog.UpdateCourseHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Change a course (If-Match with its ETag: 412 when stale)")
                    .request("CourseFields", 32 * 1024).responds(200, "Course")
                    .build(),
            Route.post("/courses/{courseId}/sections").id("create-section")
                    .handler("catalog", "dev.lectern.catalog.CreateSectionHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Add a section")
                    .request("NewSection", 4 * 1024).responds(201, "Section")
                    .build(),
            Route.post("/courses/{courseId}/lessons").id("create-lesson")
                    .handler("catalog", "dev.lectern.catalog.CreateLessonHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Add a lesson to a section (articles may carry their Markdown body)")
                    .request("NewLesson", 256 * 1024).responds(201, "Lesson")
                    .build(),
            Route.patch("/courses/{courseId}/sections/{sectionId}").id("update-section")
                    .handler("catalog", "dev.lectern.catalog.UpdateSectionHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Rename or reorder a section")
                    .request("SectionChange", 4 * 1024).responds(200, "Section")
                    .build(),
            Route.delete("/courses/{courseId}/sections/{sectionId}").id("delete-section")
                    .handler("catalog", "dev.lectern.catalog.DeleteSectionHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Remove an empty section (409 while it has lessons)")
                    .responds(204, null)
                    .build(),
            Route.patch("/courses/{courseId}/lessons/{lessonId}").id("update-lesson")
                    .handler("catalog", "dev.lectern.catalog.UpdateLessonHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Change, move or reorder a lesson")
                    .request("LessonChange", 256 * 1024).responds(200, "Lesson")
                    .build(),
            Route.delete("/courses/{courseId}/lessons/{lessonId}").id("delete-lesson")
                    .handler("catalog", "dev.lectern.catalog.DeleteLessonHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE), write(MEDIA_BUCKET))
                    .summary("Remove a lesson and its media")
                    .responds(204, null)
                    .build(),
            Route.post("/courses/{courseId}/lessons/{lessonId}/upload").id("upload-lesson-media")
                    .handler("catalog", "dev.lectern.catalog.UploadLessonMediaHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE), write(MEDIA_BUCKET))
                    .summary("A presigned PUT for the lesson's media: that key, that type, that size, 15 minutes")
                    .request("UploadRequest", 4 * 1024).responds(200, "PresignedUpload")
                    .build(),
            Route.post("/courses/{courseId}/publish").id("publish-course")
                    .handler("catalog", "dev.lectern.catalog.PublishCourseHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE), read(MEDIA_BUCKET))
                    .summary("Publish: needs a lesson and every media lesson's upload (422 lists what is missing)")
                    .responds(200, "CourseView")
                    .build(),
            Route.post("/courses/{courseId}/unpublish").id("unpublish-course")
                    .handler("catalog", "dev.lectern.catalog.UnpublishCourseHandler")
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Back to draft")
                    .responds(200, "CourseView")
                    .build(),
            Route.get("/courses").id("list-courses")
                    .handler("catalog", "dev.lectern.catalog.ListCoursesHandler")
                    // popular and rating are served from the in-memory catalog search keeps
                    .auth(Auth.PUBLIC).memory(1536)
                    .access(read(TABLE))
                    .summary("Published courses; sort newest|popular|rating; filters tag, creatorId, level, language, priceMax; limit and cursor")
                    .responds(200, "CoursePage")
                    .build(),
            Route.get("/courses/search").id("search-courses")
                    .handler("catalog", "dev.lectern.catalog.SearchCoursesHandler")
                    // the index lives in this function's memory: room for ~100k courses (docs/performance.md)
                    .auth(Auth.PUBLIC).memory(1536)
                    .access(read(TABLE))
                    .summary("Keyword search with relevance ranking; q (case, accent and script insensitive), limit")
                    .responds(200, "SearchResults")
                    .build(),
            Route.get("/courses/{courseId}").id("get-course")
                    .handler("catalog", "dev.lectern.catalog.GetCourseHandler")
                    .auth(Auth.OPTIONAL_USER).memory(512)
                    .access(read(TABLE))
                    .summary("A course with its syllabus (drafts only for their creator and admins)")
                    .responds(200, "CourseView")
                    .build(),
            Route.get("/creators/{creatorId}").id("get-creator")
                    .handler("catalog", "dev.lectern.catalog.GetCreatorHandler")
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(TABLE))
                    .summary("A creator's public profile and published courses")
                    .responds(200, "CreatorProfile")
                    .build(),
            Route.post("/courses/{courseId}/enroll").id("enroll")
                    .handler("catalog", "dev.lectern.catalog.EnrollHandler")
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Enroll in a free course (402 for a paid one)")
                    .responds(200, "Enrollment")
                    .build(),
            Route.get("/me/library").id("my-library")
                    .handler("catalog", "dev.lectern.catalog.LibraryHandler")
                    .auth(Auth.USER).memory(512)
                    .access(read(TABLE))
                    .summary("The courses the caller may access")
                    .responds(200, "Library")
                    .build(),
            Route.get("/courses/{courseId}/lessons/{lessonId}/content").id("lesson-content")
                    .handler("catalog", "dev.lectern.catalog.LessonContentHandler")
                    .auth(Auth.OPTIONAL_USER).memory(512)
                    .access(read(TABLE), read(MEDIA_BUCKET))
                    .summary("A 5-minute link to the lesson's media (or the article) for previews, entitled learners, owners, admins")
                    .responds(200, "LessonContent")
                    .build(),
            Route.post("/courses/{courseId}/reviews").id("create-review")
                    .handler("catalog", "dev.lectern.catalog.CreateReviewHandler")
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Review a course you are enrolled in (one per learner: 409 for a second)")
                    .request("ReviewFields", 16 * 1024).responds(201, "Review")
                    .build(),
            Route.put("/courses/{courseId}/reviews").id("update-review")
                    .handler("catalog", "dev.lectern.catalog.UpdateReviewHandler")
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(TABLE))
                    .summary("Change your review of a course")
                    .request("ReviewFields", 16 * 1024).responds(200, "Review")
                    .build(),
            Route.get("/courses/{courseId}/reviews").id("list-reviews")
                    .handler("catalog", "dev.lectern.catalog.ListReviewsHandler")
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(TABLE))
                    .summary("A course's reviews, newest first; limit and cursor")
                    .responds(200, "ReviewPage")
                    .build());

    /**
     * What answers requests that match no route: 404, or 405 with {@code Allow} when the path
     * exists under another method, both as problem+json (API Gateway's own answer is not).
     */
    public static final Route FALLBACK = Route.defaultRoute().id("route-not-found")
            .handler("platform", "dev.lectern.platform.RouteNotFoundHandler")
            .auth(Auth.PUBLIC)
            .memory(512)
            .request(null, 10 * 1024 * 1024)
            .summary("Unknown routes: 404 or 405 problem+json")
            .build();

    public static final List<Consumer> CONSUMERS = List.of(
            new Consumer("behaviour-archiver", BEHAVIOUR_QUEUE,
                    "analytics", "dev.lectern.analytics.BehaviourArchiveHandler",
                    10, 5, 1024, 30, List.of(write(ANALYTICS_BUCKET))));

    public static final List<Scheduled> SCHEDULES = List.of(
            new Scheduled("event-log-compaction", "cron(15 0 * * ? *)",
                    "analytics", "dev.lectern.analytics.EventLogCompactionHandler",
                    2048, 600, List.of(readWrite(ANALYTICS_BUCKET)),
                    "Merges yesterday's behaviour event log objects into one, without duplicates"));

    private LecternCatalog() {
    }

    public static List<FunctionSpec> functions() {
        return Stream.of(ROUTES.stream(), Stream.of(FALLBACK), CONSUMERS.stream(), SCHEDULES.stream())
                .flatMap(s -> s.map(FunctionSpec.class::cast)).toList();
    }

    /** The route a handler class serves; a handler serves exactly one route. */
    public static Optional<Route> routeForHandler(String handlerClass) {
        return Stream.concat(ROUTES.stream(), Stream.of(FALLBACK)).filter(r -> r.handler().equals(handlerClass)).findFirst();
    }

    /** API routes and the fallback: every function behind the HTTP API. */
    public static List<Route> apiFunctions() {
        return Stream.concat(ROUTES.stream(), Stream.of(FALLBACK)).toList();
    }

    public static Optional<Scheduled> schedule(String id) {
        return SCHEDULES.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
