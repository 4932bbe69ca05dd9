package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.CourseDetail;
import dev.lectern.catalog.CatalogModel.CourseView;
import dev.lectern.catalog.CatalogModel.CreatorProfile;
import dev.lectern.catalog.CatalogModel.Enrollment;
import dev.lectern.catalog.CatalogModel.Lesson;
import dev.lectern.catalog.CatalogModel.LessonContent;
import dev.lectern.catalog.CatalogModel.Library;
import dev.lectern.catalog.CatalogModel.LibraryEntry;
import dev.lectern.catalog.CatalogModel.Money;
import dev.lectern.catalog.CatalogModel.Page;
import dev.lectern.catalog.CatalogModel.PresignedUpload;
import dev.lectern.catalog.CatalogModel.Rating;
import dev.lectern.catalog.CatalogModel.Section;
import dev.lectern.catalog.CatalogModel.SyllabusLesson;
import dev.lectern.catalog.CatalogModel.SyllabusSection;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.money.Currencies;
import dev.lectern.events.Behaviour;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Courses, their syllabus, media, publishing and access. Only a course's creator or an admin may
 * change it; a draft is invisible (404) to everyone else.
 */
@Singleton
public class CatalogService {

    static final Set<String> LEVELS = Set.of("beginner", "intermediate", "advanced", "all");
    static final String LEVEL_EXPECTATION = "must be one of beginner, intermediate, advanced, all";
    static final Set<String> KINDS = Set.of("video", "audio", "article", "document");
    static final Map<String, Long> MAX_MEDIA_BYTES = Map.of(
            "video", 5L * 1024 * 1024 * 1024, "audio", 500L * 1024 * 1024, "document", 200L * 1024 * 1024);
    static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    /** How long a content link works: 5 minutes, or less with LECTERN_CONTENT_URL_SECONDS (tests use 1). */
    static final String CONTENT_URL_SECONDS = "LECTERN_CONTENT_URL_SECONDS";
    static final Duration MAX_CONTENT_VALIDITY = Duration.ofMinutes(5);
    /** Attempts of an optimistic write that loses races (each round of racing writers has a winner, so 8 writers need at most 8). */
    static final int MAX_WRITE_ATTEMPTS = 10;

    private final CatalogStore store;
    /** Built on first use: only the functions granted the media bucket reach it. */
    private final Provider<MediaStore> media;
    private final Clock clock;
    private final Duration contentValidity;
    /** Courses published, enrolments (docs/operations.md, "Metrics"). */
    private final BusinessMetrics metrics;

    public CatalogService(CatalogStore store, Provider<MediaStore> media, Clock clock, BusinessMetrics metrics) {
        this.store = store;
        this.media = media;
        this.clock = clock;
        this.metrics = metrics;
        this.contentValidity = LecternConfig.setting(CONTENT_URL_SECONDS).map(Long::parseLong).map(Duration::ofSeconds)
                .filter(d -> d.isPositive() && d.compareTo(MAX_CONTENT_VALIDITY) <= 0).orElse(MAX_CONTENT_VALIDITY);
    }

    // --- creators ------------------------------------------------------------------------------

    public Course create(Caller caller, CatalogRequests.CourseFields fields) {
        validate(fields, true);
        Instant now = clock.instant();
        Course course = new Course(Ids.newId(), caller.userId(), orEmpty(caller.name()), fields.title().trim(), orEmpty(fields.subtitle()),
                orEmpty(fields.description()), fields.language(), fields.level(), tags(fields.tags()),
                new Money(fields.price().amount(), fields.price().currency()), "draft", now, now, null, 1, new Rating(0, 0));
        store.createCourse(course);
        return course;
    }

    /**
     * Applies the present fields, conditional on the version read. With an {@code If-Match} naming a
     * version ({@link ETags}), a course at another version, or one changed between our read and our
     * write, is 412: the client decides. Without one (or with {@code *}) the client asked for no
     * precondition, so a write that loses a race to a concurrent edit reads again and retries, a
     * few times with jitter, and answers 503 with Retry-After only if it keeps losing.
     */
    public Course update(Caller caller, String courseId, CatalogRequests.CourseFields fields, Optional<String> ifMatch) {
        Course current = ownCourse(caller, courseId);
        validate(fields, false);
        ETags.Precondition precondition = ETags.ifMatch(ifMatch);
        for (int attempt = 1; ; attempt++) {
            if (!precondition.allows(current.version())) {
                throw stale();
            }
            try {
                Course updated = store.replaceFields(applied(caller, current, fields), current.version());
                if (updated.published()) {
                    // the search index holds published courses only: it reads this one again at its next refresh
                    store.courseChanged(updated.id(), updated.updatedAt());
                }
                return updated;
            } catch (CatalogStore.StaleVersionException e) {
                if (!precondition.any()) {
                    throw stale();
                }
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw busy();
                }
                pause(attempt);
                current = ownCourse(caller, courseId);
            }
        }
    }

    private Course applied(Caller caller, Course current, CatalogRequests.CourseFields fields) {
        String creatorName = caller.userId().equals(current.creatorId()) && caller.name() != null ? caller.name() : current.creatorName();
        return new Course(current.id(), current.creatorId(), creatorName,
                fields.title() != null ? fields.title().trim() : current.title(),
                fields.subtitle() != null ? fields.subtitle() : current.subtitle(),
                fields.description() != null ? fields.description() : current.description(),
                fields.language() != null ? fields.language() : current.language(),
                fields.level() != null ? fields.level() : current.level(),
                fields.tags() != null ? tags(fields.tags()) : current.tags(),
                fields.price() != null ? new Money(fields.price().amount(), fields.price().currency()) : current.price(),
                current.status(), current.createdAt(), clock.instant(), current.publishedAt(), current.version() + 1, current.rating());
    }

    public Section addSection(Caller caller, String courseId, CatalogRequests.NewSection request) {
        ownCourse(caller, courseId);
        new Validator().required("title", request.title()).name("title", request.title() == null ? null : request.title().trim(), 1, 120)
                .range("position", request.position() == null ? null : request.position().longValue(), 0, 10_000).throwIfInvalid();
        Section section = new Section(Ids.newId(), request.title().trim(), request.position() == null ? 0 : request.position());
        store.putSection(courseId, section);
        return section;
    }

    public Lesson addLesson(Caller caller, String courseId, CatalogRequests.NewLesson request) {
        ownCourse(caller, courseId);
        Validator validator = new Validator()
                .required("sectionId", request.sectionId())
                .check(request.sectionId() == null || Ids.isId(request.sectionId()), "sectionId", "is not a section of this course")
                .required("title", request.title()).name("title", request.title() == null ? null : request.title().trim(), 1, 160)
                .required("kind", request.kind())
                .check(request.kind() == null || KINDS.contains(request.kind()), "kind", "must be one of video, audio, article, document")
                .range("durationSeconds", request.durationSeconds(), 0, 24 * 3600)
                .range("position", request.position() == null ? null : request.position().longValue(), 0, 10_000)
                .length("body", request.body(), 0, 200_000);
        validator.check(request.body() == null || "article".equals(request.kind()), "body", "only article lessons carry a body");
        validator.throwIfInvalid();
        Lesson lesson = new Lesson(Ids.newId(), request.sectionId(), request.title().trim(), request.kind(), request.durationSeconds(),
                Boolean.TRUE.equals(request.freePreview()), request.position() == null ? 0 : request.position(), null, null, request.body());
        if (!store.putLesson(courseId, lesson)) {
            throw ProblemException.validation(List.of(new FieldError("sectionId", "is not a section of this course")));
        }
        return lesson;
    }

    public Section updateSection(Caller caller, String courseId, String sectionId, CatalogRequests.SectionChange change) {
        ownCourse(caller, courseId);
        new Validator().check(change.title() != null || change.position() != null, "body", "send title and/or position")
                .name("title", change.title() == null ? null : change.title().trim(), 1, 120)
                .range("position", change.position() == null ? null : change.position().longValue(), 0, 10_000).throwIfInvalid();
        return store.updateSection(courseId, sectionId, change.title() == null ? null : change.title().trim(), change.position())
                .orElseThrow(() -> ProblemException.notFound("No section " + sectionId + " in this course"));
    }

    /** Removes an empty section; 409 while lessons are in it (move or delete them first). */
    public void deleteSection(Caller caller, String courseId, String sectionId) {
        CourseDetail detail = store.detail(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        requireOwner(caller, detail.course());
        if (detail.sections().stream().noneMatch(s -> s.id().equals(sectionId))) {
            throw ProblemException.notFound("No section " + sectionId + " in this course");
        }
        if (detail.lessons().stream().anyMatch(l -> l.sectionId().equals(sectionId))) {
            throw new ProblemException(ProblemType.CONFLICT, "The section still has lessons; move or delete them first");
        }
        store.deleteSection(courseId, sectionId);
    }

    public Lesson updateLesson(Caller caller, String courseId, String lessonId, CatalogRequests.LessonChange change) {
        ownCourse(caller, courseId);
        Lesson current = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId + " in this course"));
        new Validator()
                .check(change.sectionId() == null || Ids.isId(change.sectionId()), "sectionId", "is not a section of this course")
                .name("title", change.title() == null ? null : change.title().trim(), 1, 160)
                .range("durationSeconds", change.durationSeconds(), 0, 24 * 3600)
                .range("position", change.position() == null ? null : change.position().longValue(), 0, 10_000)
                .length("body", change.body(), 0, 200_000)
                .check(change.body() == null || !current.isMedia(), "body", "only article lessons carry a body")
                .throwIfInvalid();
        String title = change.title() == null ? null : change.title().trim();
        // only the fields sent are written, so concurrent changes of other fields (and an upload) are kept
        switch (store.updateLesson(courseId, lessonId, change.sectionId(), title, change.durationSeconds(), change.freePreview(),
                change.position(), change.body())) {
            case NO_SECTION -> throw ProblemException.validation(List.of(new FieldError("sectionId", "is not a section of this course")));
            case NO_LESSON -> throw ProblemException.notFound("No lesson " + lessonId + " in this course");
            case CHANGED -> {
            }
        }
        return new Lesson(current.id(),
                change.sectionId() != null ? change.sectionId() : current.sectionId(),
                title != null ? title : current.title(), current.kind(),
                change.durationSeconds() != null ? change.durationSeconds() : current.durationSeconds(),
                change.freePreview() != null ? change.freePreview() : current.freePreview(),
                change.position() != null ? change.position() : current.position(),
                current.mediaKey(), current.mediaContentType(), change.body() != null ? change.body() : current.body());
    }

    /**
     * Removes a lesson and its media object. A published course keeps at least one lesson: deleting
     * its last one is 409 (unpublish first, or add another lesson) rather than an implicit unpublish,
     * which would take the course out of the listings and away from buyers as a side effect of a
     * delete. The store makes the rule hold under concurrent deletes and publishes.
     */
    public void deleteLesson(Caller caller, String courseId, String lessonId) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            Course course = ownCourse(caller, courseId);
            Lesson lesson = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId + " in this course"));
            Optional<String> keeping = Optional.empty();
            if (course.published()) {
                keeping = store.anotherLesson(courseId, lessonId);
                if (keeping.isEmpty()) {
                    throw new ProblemException(ProblemType.CONFLICT,
                            "This is the last lesson of a published course; unpublish the course first, or add another lesson");
                }
            }
            switch (store.deleteLesson(courseId, lessonId, keeping)) {
                case DELETED -> {
                    if (lesson.mediaKey() != null) {
                        media.get().delete(lesson.mediaKey());
                    }
                    return;
                }
                case GONE -> throw ProblemException.notFound("No lesson " + lessonId + " in this course");
                case CHANGED -> pause(attempt);
            }
        }
        throw busy();
    }

    /** A presigned PUT limited to the lesson's key, the declared content type and size. */
    public PresignedUpload upload(Caller caller, String courseId, String lessonId, CatalogRequests.Upload request) {
        ownCourse(caller, courseId);
        Lesson lesson = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId + " in this course"));
        Validator validator = new Validator().required("contentType", request.contentType()).required("sizeBytes", request.sizeBytes());
        validator.check(lesson.isMedia(), "lessonId", "article lessons carry their body; nothing to upload");
        // only types a browser plays or downloads: never one it renders as a page (text/html, image/svg+xml, ...)
        validator.check(!lesson.isMedia() || request.contentType() == null || MediaTypes.isAllowed(lesson.kind(), request.contentType()),
                "contentType", "a " + lesson.kind() + " lesson accepts " + String.join(", ", MediaTypes.allowed(lesson.kind())));
        if (lesson.isMedia() && request.sizeBytes() != null) {
            validator.range("sizeBytes", request.sizeBytes(), 1, MAX_MEDIA_BYTES.get(lesson.kind()));
        }
        validator.throwIfInvalid();
        String key = MediaStore.keyOf(courseId, lessonId);
        MediaStore.Presigned presigned = media.get().presignUpload(key, request.contentType(), request.sizeBytes(), UPLOAD_VALIDITY);
        store.setLessonMedia(courseId, lessonId, key, request.contentType());
        return new PresignedUpload("PUT", presigned.url().toString(), presigned.headers(), clock.instant().plus(UPLOAD_VALIDITY));
    }

    /**
     * Published when it has a lesson and every media lesson's object exists; 422 listing what is
     * missing. The write is conditional on the course's version and on a lesson still existing, so a
     * concurrent edit or lesson delete makes it read again rather than publish what it did not check.
     */
    public CourseView publish(Caller caller, String courseId) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            CourseDetail detail = store.detail(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
            requireOwner(caller, detail.course());
            requirePublishable(detail);
            try {
                Course published = store.publish(detail.course(), detail.lessons().getFirst().id(), clock.instant());
                if (!detail.course().published()) {
                    metrics.count(BusinessMetrics.COURSES_PUBLISHED);
                }
                return toView(new CourseDetail(published, detail.sections(), detail.lessons(), detail.lastPublished()));
            } catch (CatalogStore.StaleVersionException e) {
                pause(attempt);
            }
        }
        throw busy();
    }

    private void requirePublishable(CourseDetail detail) {
        List<FieldError> missing = new ArrayList<>();
        if (detail.lessons().isEmpty()) {
            missing.add(new FieldError("lessons", "a course needs at least one lesson"));
        }
        for (Lesson lesson : detail.lessons()) {
            if (lesson.isMedia() && (lesson.mediaKey() == null || !media.get().exists(lesson.mediaKey()))) {
                missing.add(new FieldError("lessons." + lesson.id(), "its " + lesson.kind() + " has not been uploaded"));
            } else if (!lesson.isMedia() && (lesson.body() == null || lesson.body().isBlank())) {
                missing.add(new FieldError("lessons." + lesson.id(), "the article has no body"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.withErrors(ProblemType.UNPROCESSABLE,
                    "The course cannot be published yet: " + missing.size() + " thing(s) missing", missing);
        }
    }

    /**
     * Back to draft. Its public fields as they are now are kept aside ({@link CatalogStore#unpublish}):
     * learners who have the course keep seeing them, and its lessons, while the creator edits the draft.
     */
    public CourseView unpublish(Caller caller, String courseId) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            CourseDetail detail = store.detail(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
            requireOwner(caller, detail.course());
            if (!detail.course().published()) {
                return toView(detail);
            }
            try {
                Course draft = store.unpublish(detail.course(), clock.instant());
                return toView(new CourseDetail(draft, detail.sections(), detail.lessons(), detail.course()));
            } catch (CatalogStore.StaleVersionException e) {
                pause(attempt);
            }
        }
        throw busy();
    }

    // --- everyone ------------------------------------------------------------------------------

    /** A course's view and the version its ETag names. */
    public record VersionedView(CourseView view, long version) {
    }

    /**
     * The course with its syllabus (one Query). A draft is shown to its creator and admins as it is;
     * to a learner who has it (enrolled or bought before it was unpublished) with its public fields as
     * last published and its current syllabus, so that they can keep learning without seeing the
     * creator's unpublished edits; to everyone else it does not exist.
     */
    public VersionedView view(Optional<Caller> caller, String courseId) {
        CourseDetail detail = store.detail(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        Course course = detail.course();
        if (course.published() || privileged(course, caller)) {
            return new VersionedView(toView(detail), course.version());
        }
        if (caller.isPresent() && store.entitlement(caller.get().userId(), courseId).isPresent()) {
            return new VersionedView(toView(asLastPublished(detail)), course.version());
        }
        throw ProblemException.notFound("No course " + courseId);
    }

    /** The detail with the course's last published public fields (its current ones if it has none kept: see docs/architecture.md). */
    private static CourseDetail asLastPublished(CourseDetail detail) {
        Course shown = detail.lastPublished() != null ? detail.lastPublished() : detail.course();
        return new CourseDetail(shown, detail.sections(), detail.lessons(), detail.lastPublished());
    }

    /** Published courses, newest first, from GSI1 with the filters inside the Query. */
    public Page<Course> newest(CourseQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        if (query.tag() != null) {
            conditions.add("contains(tags, :tag)");
            values.put(":tag", AttributeValue.fromS(query.tag()));
        }
        Map<String, String> equalities = new HashMap<>();
        equalities.put("creatorId", query.creatorId());
        equalities.put("level", query.level());
        equalities.put("language", query.language());
        equalities.forEach((field, value) -> {
            if (value != null) {
                // level and language are DynamoDB reserved words: every field goes through a name placeholder
                conditions.add("#" + field + " = :" + field);
                names.put("#" + field, field);
                values.put(":" + field, AttributeValue.fromS(value));
            }
        });
        if (query.priceMax() != null) {
            conditions.add("priceAmount <= :priceMax");
            values.put(":priceMax", AttributeValue.fromN(Long.toString(query.priceMax())));
        }
        return store.published(query.limit(), query.cursor(), conditions.isEmpty() ? null : String.join(" AND ", conditions),
                names, values);
    }

    /** The caller's own courses, drafts included, newest created first: what the studio lists. */
    public Page<Course> ownCourses(Caller caller, Map<String, String> query) {
        int limit = QueryParameters.integer(query, "limit", 20, 1, 100);
        return store.createdBy(caller.userId(), limit, query.get("cursor"));
    }

    /** A creator's public profile: their name and published courses; 404 for someone with none. */
    public CreatorProfile creator(String creatorId) {
        List<Course> courses = store.publishedBy(creatorId, 100);
        if (courses.isEmpty()) {
            throw ProblemException.notFound("No creator " + creatorId + " with published courses");
        }
        return new CreatorProfile(creatorId, courses.getFirst().creatorName(), courses);
    }

    // --- access ------------------------------------------------------------------------------

    public Enrollment enroll(Caller caller, String courseId) {
        Course course = store.course(courseId).filter(Course::published).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        if (course.creatorId().equals(caller.userId())) {
            // a creator has access to their course already; enrolling would only inflate its popularity
            throw new ProblemException(ProblemType.FORBIDDEN, "You created this course: creators do not enroll in their own courses");
        }
        if (!course.free()) {
            throw new ProblemException(ProblemType.PAYMENT_REQUIRED,
                    "This course costs " + course.price().amount() + " " + course.price().currency() + "; buy it through checkout");
        }
        Instant now = clock.instant();
        boolean granted = store.grant(new CatalogStore.Entitlement(caller.userId(), courseId, now, "free"),
                Outbox.event(new Behaviour.Enrolled(caller.userId(), courseId, "free"), now, Logs.currentCorrelationId()));
        if (granted) {
            metrics.count(BusinessMetrics.ENROLLMENTS);
        }
        return new Enrollment(courseId, true, granted);
    }

    /**
     * The courses the caller may access. A course unpublished since is shown with its public fields as
     * last published: its draft edits are the creator's, not yet for its learners. That costs a
     * second BatchGetItem only when the library holds an unpublished course. Each course comes with the
     * learner's percent complete and the lesson to continue with ({@link LibraryProgress}: one Query of
     * the learner's progress, one of each started course's syllabus).
     */
    public Library library(Caller caller, LibraryProgress progress) {
        List<CatalogStore.Entitlement> entitlements = store.entitlements(caller.userId());
        Map<String, Course> courses = new HashMap<>();
        store.courses(entitlements.stream().map(CatalogStore.Entitlement::courseId).toList()).forEach(c -> courses.put(c.id(), c));
        List<Course> unpublished = courses.values().stream().filter(c -> !c.published()).toList();
        if (!unpublished.isEmpty()) {
            courses.putAll(store.lastPublished(unpublished));
        }
        Map<String, Progress.Summary> standing = progress.of(caller.userId(), courses.keySet());
        return new Library(entitlements.stream().filter(e -> courses.containsKey(e.courseId()))
                .sorted(Comparator.comparing(CatalogStore.Entitlement::since).reversed())
                .map(e -> new LibraryEntry(courses.get(e.courseId()), e.since(), Entitlements.kindOf(e.source()),
                        standing.get(e.courseId()).percentComplete(), standing.get(e.courseId()).continueLessonId()))
                .toList());
    }

    /**
     * A presigned GET of at most 5 minutes (or the article inline) for previews, entitled learners,
     * owners and admins. Learners who have the course keep their access while it is unpublished;
     * to anyone else an unpublished course does not exist (its free previews included).
     */
    public LessonContent content(Optional<Caller> caller, String courseId, String lessonId) {
        Course course = store.course(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        boolean privileged = privileged(course, caller);
        boolean entitledChecked = false;
        if (!course.published() && !privileged) {
            if (!entitled(caller, courseId)) {
                throw ProblemException.notFound("No course " + courseId);
            }
            entitledChecked = true;
        }
        Lesson lesson = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId));
        boolean allowed = privileged || entitledChecked || course.published() && lesson.freePreview() || entitled(caller, courseId);
        if (!allowed) {
            throw caller.isEmpty()
                    ? new ProblemException(ProblemType.UNAUTHORIZED.problem("Sign in to reach this lesson"),
                            Map.of("WWW-Authenticate", "Bearer"))
                    : new ProblemException(ProblemType.FORBIDDEN, "Enroll in or buy the course to reach this lesson");
        }
        if (!lesson.isMedia()) {
            return new LessonContent(lesson.kind(), lesson.body(), null, null);
        }
        if (lesson.mediaKey() == null) {
            throw new ProblemException(ProblemType.CONFLICT, "The lesson's media has not been uploaded");
        }
        // S3 answers with the allow-listed type and a disposition we choose, whatever the object was stored with (MediaTypes)
        return new LessonContent(lesson.kind(), null,
                media.get().presignDownload(lesson.mediaKey(), contentValidity, MediaTypes.delivery(lesson, contentValidity)).toString(),
                clock.instant().plus(contentValidity));
    }

    private boolean entitled(Optional<Caller> caller, String courseId) {
        return caller.isPresent() && store.entitlement(caller.get().userId(), courseId).isPresent();
    }

    // --- reviews -------------------------------------------------------------------------------

    public record ReviewView(String userId, int rating, String text, Instant createdAt, Instant updatedAt) {
        static ReviewView of(CatalogStore.Review r) {
            return new ReviewView(r.userId(), r.rating(), r.text(), r.createdAt(), r.updatedAt());
        }
    }

    /** One review per entitled learner; the course's count and sum move in the same transaction. */
    public ReviewView addReview(Caller caller, String courseId, CatalogRequests.ReviewFields request) {
        validateReview(request);
        requireEntitled(caller, courseId);
        Instant now = clock.instant();
        var review = new CatalogStore.Review(courseId, caller.userId(), request.rating(), orEmpty(request.text()), now, now);
        if (!store.addReview(review, Outbox.event(new Behaviour.ReviewPosted(caller.userId(), courseId, request.rating()), now,
                Logs.currentCorrelationId()))) {
            throw new ProblemException(ProblemType.CONFLICT, "You reviewed this course already; PUT changes your review");
        }
        return ReviewView.of(review);
    }

    /** Edits the caller's review; retried when a concurrent edit of the same review moved the rating first. */
    public ReviewView editReview(Caller caller, String courseId, CatalogRequests.ReviewFields request) {
        validateReview(request);
        requireEntitled(caller, courseId);
        for (int attempt = 0; attempt < 5; attempt++) {
            var previous = store.review(courseId, caller.userId())
                    .orElseThrow(() -> ProblemException.notFound("You have not reviewed this course; POST creates your review"));
            Instant now = clock.instant();
            if (store.editReview(previous, request.rating(), orEmpty(request.text()), now)) {
                return ReviewView.of(new CatalogStore.Review(courseId, caller.userId(), request.rating(), orEmpty(request.text()),
                        previous.createdAt(), now));
            }
        }
        throw new ProblemException(ProblemType.CONFLICT, "Your review is being changed concurrently; try again");
    }

    public Page<ReviewView> reviews(String courseId, Map<String, String> query) {
        store.course(courseId).filter(Course::published).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        int limit = QueryParameters.integer(query, "limit", 20, 1, 100);
        var page = store.reviews(courseId, limit, query.get("cursor"));
        return new Page<>(page.items().stream().map(ReviewView::of).toList(), page.nextCursor());
    }

    private void requireEntitled(Caller caller, String courseId) {
        Course course = store.course(courseId).filter(Course::published).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        if (course.creatorId().equals(caller.userId())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You created this course: creators do not review their own courses");
        }
        if (store.entitlement(caller.userId(), courseId).isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only learners enrolled in the course may review it");
        }
    }

    private static void validateReview(CatalogRequests.ReviewFields request) {
        new Validator().required("rating", request.rating())
                .range("rating", request.rating() == null ? null : request.rating().longValue(), 1, 5)
                .length("text", request.text(), 0, 5_000)
                .throwIfInvalid();
    }

    // --- erasure ------------------------------------------------------------------------------

    /** What an erasure removed (all 0 when it ran before: an event may come twice). */
    public record Erasure(int reviews, int entitlements, int progress) {
    }

    /**
     * Removes what the catalog keeps about an erased account: its reviews are deleted, each in one
     * transaction with its listed copy and the course's rating counters (so the rating stays the
     * average of the reviews shown), and its entitlements are deleted. Deleting rather than
     * anonymising leaves nothing that could be tied back to the person (a rating with its timestamp on
     * a small course can be), and no authorless reviews for the API to explain. Courses' enrolment
     * counts are popularity (enrolments ever made) and do not move. The account's learning progress
     * (core's Progress items, which the learning context writes) goes too: the accounts queue has
     * one consumer, and progress is personal data tied to the entitlements deleted here. Idempotent: a second run finds
     * nothing. The reviews are found by a consistent Query of the account's personal-data partition,
     * so one written a moment before the erasure is found too.
     */
    public Erasure eraseAccount(String userId) {
        if (!Ids.isId(userId)) {
            throw new IllegalArgumentException("not a user id");
        }
        List<CatalogStore.Entitlement> entitlements = store.entitlements(userId, true);
        int reviews = 0;
        for (CatalogStore.Review review : store.reviewsOf(userId)) {
            if (deleteReview(review)) {
                reviews++;
            }
        }
        store.deleteEntitlements(userId, entitlements.stream().map(CatalogStore.Entitlement::courseId).toList());
        int progress = store.deleteProgress(userId);
        return new Erasure(reviews, entitlements.size(), progress);
    }

    /** Deletes one review with its counters; re-read when its rating moved meanwhile. */
    private boolean deleteReview(CatalogStore.Review review) {
        Optional<CatalogStore.Review> current = Optional.of(review);
        for (int attempt = 1; current.isPresent() && attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            if (store.deleteReview(current.get(), clock.instant())) {
                return true;
            }
            current = store.review(review.courseId(), review.userId());
        }
        if (current.isPresent()) {
            throw new IllegalStateException("a review kept changing during its erasure");
        }
        return false;
    }

    // --- helpers ------------------------------------------------------------------------------

    public static String etag(Course course) {
        return ETags.ofVersion(course.version());
    }

    private Course ownCourse(Caller caller, String courseId) {
        return requireOwner(caller, store.course(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId)));
    }

    private static Course requireOwner(Caller caller, Course course) {
        if (caller.isAdmin() || course.creatorId().equals(caller.userId())) {
            return course;
        }
        if (!course.published()) {
            throw ProblemException.notFound("No course " + course.id());
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Only the course's creator or an admin may change it");
    }

    /** The course's creator or an admin: they see and reach a course whatever its state. */
    private static boolean privileged(Course course, Optional<Caller> caller) {
        return caller.map(c -> c.isAdmin() || c.userId().equals(course.creatorId())).orElse(false);
    }

    /** A short random pause before retrying a lost optimistic write, so that racing writers spread out. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    /** A write that kept losing races to concurrent writes of the same course: worth a retry by the client. */
    private static ProblemException busy() {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE.problem("The course is being changed concurrently; retry after a second"),
                Map.of("Retry-After", "1"));
    }

    private static CourseView toView(CourseDetail detail) {
        Course c = detail.course();
        List<SyllabusSection> sections = detail.sections().stream()
                .sorted(Comparator.comparingInt(Section::position).thenComparing(Section::id))
                .map(s -> new SyllabusSection(s.id(), s.title(), s.position(), detail.lessons().stream()
                        .filter(l -> l.sectionId().equals(s.id()))
                        .sorted(Comparator.comparingInt(Lesson::position).thenComparing(Lesson::id))
                        .map(l -> new SyllabusLesson(l.id(), l.title(), l.kind(), l.durationSeconds(), l.freePreview(), l.position()))
                        .toList()))
                .toList();
        return new CourseView(c.id(), c.creatorId(), c.creatorName(), c.title(), c.subtitle(), c.description(), c.language(), c.level(), c.tags(),
                c.price(), c.status(), c.createdAt(), c.updatedAt(), c.publishedAt(), c.rating(), sections);
    }

    private static void validate(CatalogRequests.CourseFields f, boolean creating) {
        Validator v = new Validator();
        if (creating) {
            v.required("title", f.title()).required("language", f.language()).required("level", f.level()).required("price", f.price());
        }
        v.name("title", f.title() == null ? null : f.title().trim(), 1, 120)
                .name("subtitle", f.subtitle(), 0, 200)
                .length("description", f.description(), 0, 10_000)
                .languageTag("language", f.language())
                .check(f.level() == null || LEVELS.contains(f.level()), "level", LEVEL_EXPECTATION)
                .check(f.tags() == null || f.tags().size() <= 10, "tags", "at most 10");
        if (f.tags() != null) {
            for (int i = 0; i < f.tags().size(); i++) {
                String tag = f.tags().get(i);
                v.required("tags[" + i + "]", tag).name("tags[" + i + "]", tag == null ? null : tag.trim(), 1, 30);
            }
        }
        if (f.price() != null) {
            var currency = Currencies.of(f.price().currency());
            v.required("price.amount", f.price().amount())
                    .required("price.currency", f.price().currency())
                    .check(f.price().currency() == null || currency.isPresent(), "price.currency",
                            "must be a lower-case ISO 4217 code we accept: " + String.join(", ", new TreeSet<>(Currencies.codes())));
            v.range("price.amount", f.price().amount(), 0, currency.map(Currencies.Currency::maxAmount).orElse(Long.MAX_VALUE));
        }
        v.throwIfInvalid();
    }

    private static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static ProblemException stale() {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, "The course changed since you read it; GET it again");
    }
}
