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
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.http.QueryParameters;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.money.Currencies;
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
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Courses, their syllabus, media, publishing and access. Only a course's creator or an admin may
 * change it; a draft is invisible (404) to everyone else.
 */
@Singleton
public class CatalogService {

    static final Set<String> LEVELS = Set.of("beginner", "intermediate", "advanced", "all");
    static final Set<String> KINDS = Set.of("video", "audio", "article", "document");
    static final Map<String, Long> MAX_MEDIA_BYTES = Map.of(
            "video", 5L * 1024 * 1024 * 1024, "audio", 500L * 1024 * 1024, "document", 200L * 1024 * 1024);
    static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    /** How long a content link works: 5 minutes, or less with LECTERN_CONTENT_URL_SECONDS (tests use 1). */
    static final String CONTENT_URL_SECONDS = "LECTERN_CONTENT_URL_SECONDS";
    static final Duration MAX_CONTENT_VALIDITY = Duration.ofMinutes(5);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

    private final CatalogStore store;
    /** Built on first use: only the functions granted the media bucket reach it. */
    private final Provider<MediaStore> media;
    private final Clock clock;
    private final Duration contentValidity;

    public CatalogService(CatalogStore store, Provider<MediaStore> media, Clock clock) {
        this.store = store;
        this.media = media;
        this.clock = clock;
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

    /** Applies the present fields; {@code ifMatch} (an ETag) makes it conditional: 412 when stale. */
    public Course update(Caller caller, String courseId, CatalogRequests.CourseFields fields, Optional<String> ifMatch) {
        Course current = ownCourse(caller, courseId);
        validate(fields, false);
        long expected = ifMatch.map(CatalogService::versionOf).orElse(current.version());
        if (expected != current.version()) {
            throw stale();
        }
        String creatorName = caller.userId().equals(current.creatorId()) && caller.name() != null ? caller.name() : current.creatorName();
        Course updated = new Course(current.id(), current.creatorId(), creatorName,
                fields.title() != null ? fields.title().trim() : current.title(),
                fields.subtitle() != null ? fields.subtitle() : current.subtitle(),
                fields.description() != null ? fields.description() : current.description(),
                fields.language() != null ? fields.language() : current.language(),
                fields.level() != null ? fields.level() : current.level(),
                fields.tags() != null ? tags(fields.tags()) : current.tags(),
                fields.price() != null ? new Money(fields.price().amount(), fields.price().currency()) : current.price(),
                current.status(), current.createdAt(), clock.instant(), current.publishedAt(), current.version() + 1, current.rating());
        try {
            return store.replaceFields(updated, expected);
        } catch (CatalogStore.StaleVersionException e) {
            throw stale();
        }
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
        Lesson updated = new Lesson(current.id(),
                change.sectionId() != null ? change.sectionId() : current.sectionId(),
                change.title() != null ? change.title().trim() : current.title(), current.kind(),
                change.durationSeconds() != null ? change.durationSeconds() : current.durationSeconds(),
                change.freePreview() != null ? change.freePreview() : current.freePreview(),
                change.position() != null ? change.position() : current.position(),
                current.mediaKey(), current.mediaContentType(), change.body() != null ? change.body() : current.body());
        if (!store.putLesson(courseId, updated)) {
            throw ProblemException.validation(List.of(new FieldError("sectionId", "is not a section of this course")));
        }
        return updated;
    }

    /** Removes a lesson and its media object. */
    public void deleteLesson(Caller caller, String courseId, String lessonId) {
        ownCourse(caller, courseId);
        Lesson lesson = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId + " in this course"));
        store.deleteLesson(courseId, lessonId);
        if (lesson.mediaKey() != null) {
            media.get().delete(lesson.mediaKey());
        }
    }

    /** A presigned PUT limited to the lesson's key, the declared content type and size. */
    public PresignedUpload upload(Caller caller, String courseId, String lessonId, CatalogRequests.Upload request) {
        ownCourse(caller, courseId);
        Lesson lesson = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId + " in this course"));
        Validator validator = new Validator().required("contentType", request.contentType()).required("sizeBytes", request.sizeBytes())
                .matches("contentType", request.contentType(), CONTENT_TYPE, "must be a media type such as video/mp4");
        validator.check(lesson.isMedia(), "lessonId", "article lessons carry their body; nothing to upload");
        if (lesson.isMedia() && request.sizeBytes() != null) {
            validator.range("sizeBytes", request.sizeBytes(), 1, MAX_MEDIA_BYTES.get(lesson.kind()));
        }
        validator.throwIfInvalid();
        String key = MediaStore.keyOf(courseId, lessonId);
        MediaStore.Presigned presigned = media.get().presignUpload(key, request.contentType(), request.sizeBytes(), UPLOAD_VALIDITY);
        store.setLessonMedia(courseId, lessonId, key, request.contentType());
        return new PresignedUpload("PUT", presigned.url().toString(), presigned.headers(), clock.instant().plus(UPLOAD_VALIDITY));
    }

    /** Published when it has a lesson and every media lesson's object exists; 422 listing what is missing. */
    public CourseView publish(Caller caller, String courseId) {
        CourseDetail detail = store.detail(courseId).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        requireOwner(caller, detail.course());
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
        Course published = store.setPublished(detail.course(), clock.instant());
        return toView(new CourseDetail(published, detail.sections(), detail.lessons()));
    }

    public CourseView unpublish(Caller caller, String courseId) {
        ownCourse(caller, courseId);
        store.setDraft(courseId, clock.instant());
        return view(Optional.of(caller), courseId);
    }

    // --- everyone ------------------------------------------------------------------------------

    /** The course with its syllabus (one Query); drafts only for their creator and admins. */
    public CourseView view(Optional<Caller> caller, String courseId) {
        CourseDetail detail = store.detail(courseId).filter(d -> visible(d.course(), caller))
                .orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        return toView(detail);
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
        if (!course.free()) {
            throw new ProblemException(ProblemType.PAYMENT_REQUIRED,
                    "This course costs " + course.price().amount() + " " + course.price().currency() + "; buy it through checkout");
        }
        boolean granted = store.grant(new CatalogStore.Entitlement(caller.userId(), courseId, clock.instant(), "free"));
        return new Enrollment(courseId, true, granted);
    }

    public Library library(Caller caller) {
        List<CatalogStore.Entitlement> entitlements = store.entitlements(caller.userId());
        Map<String, Course> courses = new HashMap<>();
        store.courses(entitlements.stream().map(CatalogStore.Entitlement::courseId).toList()).forEach(c -> courses.put(c.id(), c));
        return new Library(entitlements.stream().filter(e -> courses.containsKey(e.courseId()))
                .sorted(Comparator.comparing(CatalogStore.Entitlement::since).reversed())
                .map(e -> new LibraryEntry(courses.get(e.courseId()), e.since(), e.source()))
                .toList());
    }

    /** A presigned GET of at most 5 minutes (or the article inline) for previews, entitled learners, owners and admins. */
    public LessonContent content(Optional<Caller> caller, String courseId, String lessonId) {
        Course course = store.course(courseId).filter(c -> visible(c, caller)).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
        Lesson lesson = store.lesson(courseId, lessonId).orElseThrow(() -> ProblemException.notFound("No lesson " + lessonId));
        boolean allowed = lesson.freePreview() || caller.map(c -> c.isAdmin() || c.userId().equals(course.creatorId())
                || store.entitlement(c.userId(), courseId).isPresent()).orElse(false);
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
        return new LessonContent(lesson.kind(), null, media.get().presignDownload(lesson.mediaKey(), contentValidity).toString(),
                clock.instant().plus(contentValidity));
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
        if (!store.addReview(review)) {
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
        store.course(courseId).filter(Course::published).orElseThrow(() -> ProblemException.notFound("No course " + courseId));
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

    // --- helpers ------------------------------------------------------------------------------

    public static String etag(Course course) {
        return "\"v" + course.version() + "\"";
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

    private static boolean visible(Course course, Optional<Caller> caller) {
        return course.published() || caller.map(c -> c.isAdmin() || c.userId().equals(course.creatorId())).orElse(false);
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
                .matches("language", f.language(), LANGUAGE, "must be a language tag such as en or zh-Hans")
                .check(f.level() == null || LEVELS.contains(f.level()), "level", "must be one of beginner, intermediate, advanced, all")
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

    private static long versionOf(String etag) {
        String value = etag.trim().replace("W/", "");
        if (value.matches("\"v\\d{1,18}\"")) {
            return Long.parseLong(value.substring(2, value.length() - 1));
        }
        return -1;
    }

    private static ProblemException stale() {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, "The course changed since you read it; GET it again");
    }
}
