package dev.lectern.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Request bodies of the learning routes, bound strictly (unknown fields are refused). */
public final class LearningRequests {

    private LearningRequests() {
    }

    /** {@code completed} absent or false leaves a completed lesson completed. */
    public record ProgressUpdate(Long positionSeconds, Boolean completed) {
    }

    /**
     * The events stay JSON trees here: each is checked against its schema ({@code client-event.json}),
     * and every event's problems are answered together, by index.
     */
    public record EventBatch(List<JsonNode> events) {
    }
}
