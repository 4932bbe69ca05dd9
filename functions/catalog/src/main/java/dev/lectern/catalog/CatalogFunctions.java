package dev.lectern.catalog;

import static dev.lectern.core.resources.ResourceId.ACCOUNTS_QUEUE;
import static dev.lectern.core.resources.ResourceId.BEHAVIOUR_QUEUE;
import static dev.lectern.core.resources.ResourceId.MEDIA_BUCKET;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.send;
import static dev.lectern.core.routes.Access.write;

import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.PersonalData;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.http.LanguageTags;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.QueryParameter;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The catalog context's functions: creators build courses; anyone browses; entitled learners
 * reach content.
 */
public final class CatalogFunctions implements ContextFunctions {

    static final String MODULE = "catalog";
    /**
     * Courses, their counters and syllabus, review lists, the listing index partitions, the change
     * markers ({@code COURSE_CHANGES}) (CatalogStore), entitlements.
     */
    static final TableKeys KEYS = TableKeys.of("COURSE#", "REVIEWS#", "CREATOR#", "PUBLISHED", "COURSE_CHANGES")
            .and(Entitlements.KEYS);
    /**
     * For the functions that write or erase reviews: a review lives in its author's partition of
     * core's shared personal data ({@code PERSONAL#<userId>}), which the export and the erasure read.
     */
    static final TableKeys REVIEW_KEYS = KEYS.and(PersonalData.KEYS);

    private static final List<Route> ROUTES = List.of(
            Route.post("/courses").id("create-course")
                    .handler(MODULE, CreateCourseHandler.class)
                    .audience(Audience.CREATOR)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Create a draft course")
                    .request("CourseFields", CatalogRequests.CourseFields.class, 32 * 1024).responds(201, "Course")
                    .idempotent()
                    .build(),
            Route.patch("/courses/{courseId}").id("update-course")
                    .handler(MODULE, UpdateCourseHandler.class)
                    .audience(Audience.OWNER).problems(ProblemType.PRECONDITION_FAILED)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Change a course. If-Match with its ETag: 412 when stale; without If-Match (or *) a lost race is retried")
                    .request("CourseFields", CatalogRequests.CourseFields.class, 32 * 1024).responds(200, "Course")
                    .build(),
            Route.post("/courses/{courseId}/sections").id("create-section")
                    .handler(MODULE, CreateSectionHandler.class)
                    .audience(Audience.OWNER)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Add a section")
                    .request("NewSection", CatalogRequests.NewSection.class, 4 * 1024).responds(201, "Section")
                    .idempotent()
                    .build(),
            Route.post("/courses/{courseId}/lessons").id("create-lesson")
                    .handler(MODULE, CreateLessonHandler.class)
                    .audience(Audience.OWNER)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Add a lesson to a section (articles may carry their Markdown body)")
                    .request("NewLesson", CatalogRequests.NewLesson.class, 256 * 1024).responds(201, "Lesson")
                    .idempotent()
                    .build(),
            Route.patch("/courses/{courseId}/sections/{sectionId}").id("update-section")
                    .handler(MODULE, UpdateSectionHandler.class)
                    .audience(Audience.OWNER)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Rename or reorder a section")
                    .request("SectionChange", CatalogRequests.SectionChange.class, 4 * 1024).responds(200, "Section")
                    .build(),
            Route.delete("/courses/{courseId}/sections/{sectionId}").id("delete-section")
                    .handler(MODULE, DeleteSectionHandler.class)
                    .audience(Audience.OWNER).problems(ProblemType.CONFLICT)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Remove an empty section (409 while it has lessons)")
                    .responds(204, null)
                    .build(),
            Route.patch("/courses/{courseId}/lessons/{lessonId}").id("update-lesson")
                    .handler(MODULE, UpdateLessonHandler.class)
                    .audience(Audience.OWNER)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Change, move or reorder a lesson")
                    .request("LessonChange", CatalogRequests.LessonChange.class, 256 * 1024).responds(200, "Lesson")
                    .build(),
            Route.delete("/courses/{courseId}/lessons/{lessonId}").id("delete-lesson")
                    .handler(MODULE, DeleteLessonHandler.class)
                    .audience(Audience.OWNER).problems(ProblemType.CONFLICT)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), write(MEDIA_BUCKET))
                    .summary("Remove a lesson and its media (409 for the last lesson of a published course)")
                    .responds(204, null)
                    .build(),
            Route.post("/courses/{courseId}/lessons/{lessonId}/upload").id("upload-lesson-media")
                    .handler(MODULE, UploadLessonMediaHandler.class)
                    .audience(Audience.OWNER)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), write(MEDIA_BUCKET))
                    .summary("A presigned PUT for the lesson's media: that key, a type its kind allows, that size, 15 minutes")
                    .request("UploadRequest", CatalogRequests.Upload.class, 4 * 1024).responds(200, "PresignedUpload")
                    .build(),
            Route.post("/courses/{courseId}/publish").id("publish-course")
                    .handler(MODULE, PublishCourseHandler.class)
                    .audience(Audience.OWNER).problems(ProblemType.UNPROCESSABLE)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS), read(MEDIA_BUCKET))
                    .summary("Publish: needs a lesson and every media lesson's upload (422 lists what is missing)")
                    .responds(200, "CourseView")
                    .build(),
            Route.post("/courses/{courseId}/unpublish").id("unpublish-course")
                    .handler(MODULE, UnpublishCourseHandler.class)
                    .audience(Audience.OWNER)
                    .auth(Auth.CREATOR).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Back to draft; its learners keep its lessons and see its last published fields")
                    .responds(200, "CourseView")
                    .build(),
            Route.get("/courses").id("list-courses")
                    .handler(MODULE, ListCoursesHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.VALIDATION)
                    // popular and rating are served from the in-memory catalog search keeps
                    .auth(Auth.PUBLIC).memory(1536)
                    .access(read(KEYS))
                    .summary("Published courses; sort newest|popular|rating; filters tag, creatorId, level, language, priceMax; limit and cursor")
                    .query(QueryParameter.enumeration("sort", CourseQuery.SORTS,
                                    "newest: most recently published first; popular: most enrolments first; rating: best average, then most ratings")
                                    .withDefault("newest"),
                            QueryParameter.string("tag", "Only courses with this tag (compared in lower case)"),
                            QueryParameter.matching("creatorId", Ids.PATTERN, "Only this creator's courses"),
                            QueryParameter.enumeration("level", CatalogService.LEVELS.stream().sorted().toList(),
                                    "Only courses of this level"),
                            QueryParameter.matching("language", LanguageTags.PATTERN,
                                    "Only courses in this language, a tag such as en or zh-Hans"),
                            QueryParameter.integer("priceMax", 0, Integer.MAX_VALUE,
                                    "Only courses priced at most this, in minor units of the course's currency"),
                            QueryParameter.integer("limit", 1, 100, "Courses per page").withDefault(20),
                            QueryParameter.cursor())
                    .responds(200, "CoursePage")
                    .build(),
            Route.get("/courses/trending").id("trending-courses")
                    .handler(MODULE, TrendingCoursesHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.VALIDATION)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(KEYS.and(Trending.KEYS)))
                    .summary("Published courses by activity over the last 24 hours (views, enrolments, purchases, completions; recent hours weigh more); limit, language")
                    .query(QueryParameter.integer("limit", 1, 50, "How many courses").withDefault(10),
                            QueryParameter.matching("language", LanguageTags.PATTERN,
                                    "Only courses in this language, a tag such as en or zh-Hans"))
                    .responds(200, "SearchResults")
                    .build(),
            Route.get("/courses/search").id("search-courses")
                    .handler(MODULE, SearchCoursesHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.VALIDATION)
                    // the index lives in this function's memory: room for ~100k courses (docs/performance.md);
                    // a token is optional: it names the learner of the search's behaviour event
                    .auth(Auth.OPTIONAL_USER).memory(1536)
                    .access(read(KEYS), send(BEHAVIOUR_QUEUE))
                    .summary("Keyword search with relevance ranking; q (case, accent and script insensitive), limit")
                    .query(QueryParameter.text("q", 1, 200, "The words to find, not blank; every word must match").asRequired(),
                            QueryParameter.integer("limit", 1, 50, "How many courses").withDefault(20))
                    .responds(200, "SearchResults")
                    .build(),
            Route.get("/courses/{courseId}").id("get-course")
                    .handler(MODULE, GetCourseHandler.class)
                    .audience(Audience.ANYONE).alsoResponds(304, "Not modified: If-None-Match named the course's current ETag")
                    .auth(Auth.OPTIONAL_USER).memory(512)
                    .access(read(KEYS), send(BEHAVIOUR_QUEUE))
                    .summary("A course with its syllabus and an ETag (If-None-Match: 304); drafts only for their creator, admins and learners who have them")
                    .responds(200, "CourseView")
                    .build(),
            Route.get("/creators/{creatorId}").id("get-creator")
                    .handler(MODULE, GetCreatorHandler.class)
                    .audience(Audience.ANYONE)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(KEYS))
                    .summary("A creator's public profile and published courses")
                    .responds(200, "CreatorProfile")
                    .build(),
            Route.get("/creators/me/courses").id("my-courses")
                    .handler(MODULE, MyCoursesHandler.class)
                    .audience(Audience.CREATOR).problems(ProblemType.VALIDATION)
                    .auth(Auth.CREATOR).memory(512)
                    .access(read(KEYS))
                    .summary("The caller's own courses, drafts and published, newest created first; limit and cursor")
                    .query(QueryParameter.integer("limit", 1, 100, "Courses per page").withDefault(20), QueryParameter.cursor())
                    .responds(200, "CoursePage")
                    .build(),
            Route.post("/courses/{courseId}/enroll").id("enroll")
                    .handler(MODULE, EnrollHandler.class)
                    .audience(Audience.LEARNER).problems(ProblemType.PAYMENT_REQUIRED, ProblemType.FORBIDDEN)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(KEYS))
                    .summary("Enroll in a free course (402 for a paid one, 403 for its creator)")
                    .responds(200, "Enrollment")
                    .build(),
            Route.get("/me/library").id("my-library")
                    .handler(MODULE, LibraryHandler.class)
                    .audience(Audience.SIGNED_IN)
                    .auth(Auth.USER).memory(512)
                    .access(read(KEYS.and(Progress.KEYS)))
                    .summary("The courses the caller may access (an unpublished one as last published), with the caller's percent "
                            + "complete and lesson to continue with in each")
                    .responds(200, "Library")
                    .build(),
            Route.get("/courses/{courseId}/lessons/{lessonId}/content").id("lesson-content")
                    .handler(MODULE, LessonContentHandler.class)
                    .audience(Audience.ENTITLED).problems(ProblemType.FORBIDDEN, ProblemType.CONFLICT)
                    .auth(Auth.OPTIONAL_USER).memory(512)
                    .access(read(KEYS), read(MEDIA_BUCKET))
                    .summary("A 5-minute link to the lesson's media, served with its allow-listed type and a disposition (or the article), for previews, entitled learners, owners, admins")
                    .responds(200, "LessonContent")
                    .build(),
            Route.post("/courses/{courseId}/reviews").id("create-review")
                    .handler(MODULE, CreateReviewHandler.class)
                    .audience(Audience.ENROLLED).problems(ProblemType.FORBIDDEN)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(REVIEW_KEYS))
                    .summary("Review a course you are enrolled in (one per learner: 409 for a second; 403 for its creator)")
                    .request("ReviewFields", CatalogRequests.ReviewFields.class, 16 * 1024).responds(201, "Review")
                    .idempotent()
                    .build(),
            Route.put("/courses/{courseId}/reviews").id("update-review")
                    .handler(MODULE, UpdateReviewHandler.class)
                    .audience(Audience.ENROLLED).problems(ProblemType.FORBIDDEN, ProblemType.CONFLICT)
                    .auth(Auth.USER).memory(512)
                    .access(readWrite(REVIEW_KEYS))
                    .summary("Change your review of a course")
                    .request("ReviewFields", CatalogRequests.ReviewFields.class, 16 * 1024).responds(200, "Review")
                    .build(),
            Route.get("/courses/{courseId}/reviews").id("list-reviews")
                    .handler(MODULE, ListReviewsHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.VALIDATION)
                    .auth(Auth.PUBLIC).memory(512)
                    .access(read(KEYS))
                    .summary("A course's reviews, newest first; limit and cursor")
                    .query(QueryParameter.integer("limit", 1, 100, "Reviews per page").withDefault(20), QueryParameter.cursor())
                    .responds(200, "ReviewPage")
                    .build());

    /** Erasure of an account's reviews and entitlements (AccountErased on the accounts queue). */
    private static final List<Consumer> CONSUMERS = List.of(
            new Consumer("catalog-account-erasure", ACCOUNTS_QUEUE, MODULE, AccountErasureHandler.class,
                    10, 2, 512, 30, List.of(readWrite(REVIEW_KEYS.and(Progress.KEYS)))));

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public List<Consumer> consumers() {
        return CONSUMERS;
    }
}
