package dev.lectern.recommend;

import java.util.List;

/** What the similarity job knows of a published course: who made it, its language, and what it says about itself. */
public record CourseFacts(String id, String creatorId, String language, List<String> tags, String title) {

    public CourseFacts {
        tags = List.copyOf(tags);
    }
}
