package dev.lectern.catalog;

import static dev.lectern.core.resources.ResourceId.MEDIA_BUCKET;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.write;

import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The catalog context's functions: creators build courses; anyone browses; entitled learners
 * reach content.
 */
public final class CatalogFunctions implements ContextFunctions {

    static final String MODULE = "catalog";
    /** Courses and their syllabus, reviews, the listing and change-feed index partitions (CatalogStore), entitlements. */
    static final TableKeys KEYS = TableKeys.of("COURSE#", "REVIEWS#", "CREATOR#", "PUBLISHED", "COURSE_CHANGES")
            .and(Entitlements.KEYS);

    private static final List<Route> ROUTES = List.of(
            Route.post("/courses").id("create-course")
                    .handler(MODULE, CreateCourseHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Create a draft course")
                    .request("CourseFields", 32 * 1024).responds(201, "Course")
                    .idempotent()
                    .build(),
            Route.patch("/courses/{courseId}").id("update-course")
                    .handler(MODULE, UpdateCourseHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Change a course (If-Match with its ETag: 412 when stale)")
                    .request("CourseFields", 32 * 1024).responds(200, "Course")
                    .build(),
            Route.post("/courses/{courseId}/sections").id("create-section")
                    .handler(MODULE, CreateSectionHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Add a section")
                    .request("NewSection", 4 * 1024).responds(201, "Section")
                    .idempotent()
                    .build(),
            Route.post("/courses/{courseId}/lessons").id("create-lesson")
                    .handler(MODULE, CreateLessonHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Add a lesson to a section (articles may carry their Markdown body)")
                    .request("NewLesson", 256 * 1024).responds(201, "Lesson")
                    .idempotent()
                    .build(),
            Route.patch("/courses/{courseId}/sections/{sectionId}").id("update-section")
                    .handler(MODULE, UpdateSectionHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Rename or reorder a section")
                    .request("SectionChange", 4 * 1024).responds(200, "Section")
                    .build(),
            Route.delete("/courses/{courseId}/sections/{sectionId}").id("delete-section")
                    .handler(MODULE, DeleteSectionHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Remove an empty section (409 while it has lessons)")
                    .responds(204, null)
                    .build(),
            Route.patch("/courses/{courseId}/lessons/{lessonId}").id("update-lesson")
                    .handler(MODULE, UpdateLessonHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Change, move or reorder a lesson")
                    .request("LessonChange", 256 * 1024).responds(200, "Lesson")
                    .build(),
            Route.delete("/courses/{courseId}/lessons/{lessonId}").id("delete-lesson")
                    .handler(MODULE, DeleteLessonHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), write(MEDIA_BUCKET))
                    .summary("Remove a lesson and its media")
                    .responds(204, null)
                    .build(),
            Route.post("/courses/{courseId}/lessons/{lessonId}/upload").id("upload-lesson-media")
                    .handler(MODULE, UploadLessonMediaHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), write(MEDIA_BUCKET))
                    .summary("A presigned PUT for the lesson's media: that key, that type, that size, 15 minutes")
                    .request("UploadRequest", 4 * 1024).responds(200, "PresignedUpload")
                    .build(),
            Route.post("/courses/{courseId}/publish").id("publish-course")
                    .handler(MODULE, PublishCourseHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), read(MEDIA_BUCKET))
                    .summary("Publish: needs a lesson and every media lesson's upload (422 lists what is missing)")
                    .responds(200, "CourseView")
                    .build(),
            Route.post("/courses/{courseId}/unpublish").id("unpublish-course")
                    .handler(MODULE, UnpublishCourseHandler.class)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Back to draft")
                    .responds(200, "CourseView")
                    .build(),
            Route.get("/courses").id("list-courses")
                    .handler(MODULE, ListCoursesHandler.class)
                    // popular and rating are served from the in-memory catalog search keeps
                    .auth(Auth.PUBLIC).memory(1536)
                    .access(read(KEYS))
                    .summary("Published courses; sort newest|popular|rating; filters tag, creatorId, level, language, priceMax; limit and cursor")
                    .responds(200, "CoursePage")
                    .build(),
            Route.get("/courses/search").id("search-courses")
                    .handler(MODULE, SearchCoursesHandler.class)
                    // the index lives in this function's memory: room for ~100k courses (docs/performance.md)
                    .auth(Auth.PUBLIC).memory(1536)
                    .access(read(KEYS))
                    .summary("Keyword search with relevance ranking; q (case, accent and script insensitive), limit")
                    .responds(200, "SearchResults")
                    .build(),
            Route.get("/courses/{courseId}").id("get-course")
                    .handler(MODULE, GetCourseHandler.class)
                    .auth(Auth.OPTIONAL_USER).memory(512)
                    .access(read(KEYS))
                    .summary("A course with its syllabus (drafts only for their creator and admins)")
                    .responds(200, "CourseView")
                    .build(),
            Route.get("/creators/{creatorId}").id("get-creator")
                    .handler(MODULE, GetCreatorHandler.class)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(KEYS))
                    .summary("A creator's public profile and published courses")
                    .responds(200, "CreatorProfile")
                    .build(),
            Route.post("/courses/{courseId}/enroll").id("enroll")
                    .handler(MODULE, EnrollHandler.class)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Enroll in a free course (402 for a paid one)")
                    .responds(200, "Enrollment")
                    .build(),
            Route.get("/me/library").id("my-library")
                    .handler(MODULE, LibraryHandler.class)
                    .auth(Auth.USER).memory(512)
                    .access(read(KEYS))
                    .summary("The courses the caller may access")
                    .responds(200, "Library")
                    .build(),
            Route.get("/courses/{courseId}/lessons/{lessonId}/content").id("lesson-content")
                    .handler(MODULE, LessonContentHandler.class)
                    .auth(Auth.OPTIONAL_USER).memory(512)
                    .access(read(KEYS), read(MEDIA_BUCKET))
                    .summary("A 5-minute link to the lesson's media (or the article) for previews, entitled learners, owners, admins")
                    .responds(200, "LessonContent")
                    .build(),
            Route.post("/courses/{courseId}/reviews").id("create-review")
                    .handler(MODULE, CreateReviewHandler.class)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Review a course you are enrolled in (one per learner: 409 for a second)")
                    .request("ReviewFields", 16 * 1024).responds(201, "Review")
                    .idempotent()
                    .build(),
            Route.put("/courses/{courseId}/reviews").id("update-review")
                    .handler(MODULE, UpdateReviewHandler.class)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Change your review of a course")
                    .request("ReviewFields", 16 * 1024).responds(200, "Review")
                    .build(),
            Route.get("/courses/{courseId}/reviews").id("list-reviews")
                    .handler(MODULE, ListReviewsHandler.class)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(KEYS))
                    .summary("A course's reviews, newest first; limit and cursor")
                    .responds(200, "ReviewPage")
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
