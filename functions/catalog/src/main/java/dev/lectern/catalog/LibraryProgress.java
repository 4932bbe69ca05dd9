package dev.lectern.catalog;

import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The learner's standing in each course of their library (percent complete, where to continue),
 * from the progress the learning context writes (core's {@link Progress} layout): one Query of the
 * learner's whole progress partition, then, for each course the learner has started, one Query of
 * its syllabus (projected to what orders it; run 8 at a time). A course not started needs no
 * syllabus: 0 % and nowhere to continue yet. Read only by {@code GET /me/library}.
 */
@Singleton
public class LibraryProgress {

    private static final int PARALLEL_QUERIES = 8;
    private static final Progress.Summary NOT_STARTED = new Progress.Summary(0, 0, 0, null);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public LibraryProgress(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** The summary of each of these courses (every id present; not started: 0 % and no lesson to continue). */
    public Map<String, Progress.Summary> of(String userId, Collection<String> courseIds) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Progress.partition(userId))))
                        .projectionExpression("SK, " + Progress.POSITION + ", " + Progress.COMPLETED + ", " + Progress.UPDATED_AT + ", "
                                + Progress.VERSION))
                .items().forEach(items::add);
        Map<String, List<Progress.Entry>> byCourse = Progress.byCourse(items);
        Map<String, Progress.Summary> result = new HashMap<>();
        List<String> started = new ArrayList<>();
        for (String courseId : courseIds) {
            if (byCourse.containsKey(courseId)) {
                started.add(courseId);
            } else {
                result.put(courseId, NOT_STARTED);
            }
        }
        if (started.isEmpty()) {
            return result;
        }
        if (started.size() == 1) {
            String only = started.getFirst();
            result.put(only, Progress.summarize(syllabus(only), byCourse.get(only)));
            return result;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_QUERIES, started.size())))) {
            Map<String, Future<List<String>>> syllabi = new HashMap<>();
            started.forEach(courseId -> syllabi.put(courseId, pool.submit(() -> syllabus(courseId))));
            for (String courseId : started) {
                result.put(courseId, Progress.summarize(syllabi.get(courseId).get(), byCourse.get(courseId)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return result;
    }

    private List<String> syllabus(String courseId) {
        return Courses.syllabus(dynamoDb, table, courseId);
    }
}
