package dev.lectern.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The catalog's records as the API shows them. */
public final class CatalogModel {

    private CatalogModel() {
    }

    /** Integer minor units and a lower-case ISO 4217 code: {@code {"amount":1999,"currency":"usd"}}. */
    public record Money(Long amount, String currency) {
    }

    public record Rating(long count, double average) {
    }

    /** {@code creatorName} is the creator's display name as of their last change to the course (from their token). */
    public record Course(String id, String creatorId, String creatorName, String title, String subtitle, String description, String language,
                         String level, List<String> tags, Money price, String status, Instant createdAt, Instant updatedAt,
                         Instant publishedAt, long version, Rating rating) {

        public boolean published() {
            return "published".equals(status);
        }

        public boolean free() {
            return price.amount() == 0;
        }
    }

    public record Section(String id, String title, int position) {
    }

    /**
     * {@code mediaKey} is where its object lives in the media bucket (media kinds) and
     * {@code mediaContentType} the type it was declared with: storage details, not part of the API;
     * {@code body} is an article's Markdown.
     */
    public record Lesson(String id, String sectionId, String title, String kind, Long durationSeconds, boolean freePreview,
                         int position, @JsonIgnore String mediaKey, @JsonIgnore String mediaContentType, String body) {

        @JsonIgnore
        public boolean isMedia() {
            return !"article".equals(kind);
        }
    }

    /**
     * A course with its syllabus, from one Query. {@code lastPublished} is the course's public fields
     * as they were when it was last unpublished (null if it never was): what its learners see of an
     * unpublished course, whose current fields are a draft.
     */
    public record CourseDetail(Course course, List<Section> sections, List<Lesson> lessons, Course lastPublished) {
    }

    /** What a creator or anyone sees of a course with its syllabus: no media keys, no article bodies. */
    public record SyllabusLesson(String id, String title, String kind, Long durationSeconds, boolean freePreview, int position) {
    }

    public record SyllabusSection(String id, String title, int position, List<SyllabusLesson> lessons) {
    }

    public record CourseView(String id, String creatorId, String creatorName, String title, String subtitle, String description, String language,
                             String level, List<String> tags, Money price, String status, Instant createdAt, Instant updatedAt,
                             Instant publishedAt, Rating rating, List<SyllabusSection> syllabus) {
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** A presigned PUT: send exactly these headers with the declared body before {@code expiresAt}. */
    public record PresignedUpload(String method, String url, Map<String, String> headers, Instant expiresAt) {
    }

    /** A creator's public profile and published courses. */
    public record CreatorProfile(String id, String displayName, List<Course> courses) {
    }

    /** {@code new} is false when the caller was already enrolled (enrolling again changes nothing). */
    public record Enrollment(String courseId, boolean enrolled, @JsonProperty("new") boolean newlyEnrolled) {
    }

    /**
     * {@code percentComplete} and {@code continueLessonId} come from the learner's progress (core's
     * {@code Progress.summarize}); {@code continueLessonId} is null until the course is started and
     * once every lesson is completed.
     */
    public record LibraryEntry(Course course, Instant since, String source, int percentComplete, String continueLessonId) {
    }

    public record Library(List<LibraryEntry> items) {
    }

    /** An article's Markdown {@code body}, or a media lesson's short-lived {@code url}. */
    public record LessonContent(String kind, String body, String url, Instant expiresAt) {
    }

    public record SearchHit(Course course, double score) {
    }

    public record SearchResults(List<SearchHit> items) {
    }
}
