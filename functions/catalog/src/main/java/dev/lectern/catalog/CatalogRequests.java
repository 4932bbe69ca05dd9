package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Money;
import java.util.List;

/** Request bodies of the catalog routes, bound strictly (unknown fields are refused). */
public final class CatalogRequests {

    private CatalogRequests() {
    }

    public record CourseFields(String title, String subtitle, String description, String language, String level,
                               List<String> tags, Money price) {
    }

    public record NewSection(String title, Integer position) {
    }

    public record NewLesson(String sectionId, String title, String kind, Long durationSeconds, Boolean freePreview,
                            Integer position, String body) {
    }

    public record Upload(String contentType, Long sizeBytes) {
    }

    public record ReviewFields(Integer rating, String text) {
    }

    public record SectionChange(String title, Integer position) {
    }

    public record LessonChange(String sectionId, String title, Long durationSeconds, Boolean freePreview, Integer position, String body) {
    }
}
