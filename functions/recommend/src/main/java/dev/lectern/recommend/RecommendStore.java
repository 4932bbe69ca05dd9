package dev.lectern.recommend;

import static dev.lectern.core.dynamo.Items.s;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * What recommendations read of the catalog's items (core's {@link Courses} and
 * {@link Entitlements} layouts), never written: published courses for the job, a learner's
 * courses and the public fields of the courses to show for serving.
 */
@Singleton
public class RecommendStore {

    /** The public fields of a course shown in a recommendation. */
    public record CourseSummary(String id, String title, String subtitle, String creatorId, String creatorName, String language,
                                String level, List<String> tags, Money price) {
    }

    public record Money(long amount, String currency) {
    }

    private static final String FACTS = "id, creatorId, #language, tags, title";
    private static final String SUMMARY = "PK, id, title, subtitle, creatorId, creatorName, #language, #level, tags, priceAmount, "
            + "priceCurrency, #status";
    private static final Map<String, String> NAMES = Map.of("#language", "language");
    private static final Map<String, String> SUMMARY_NAMES = Map.of("#language", "language", "#level", "level", "#status", "status");

    private final DynamoDbClient dynamoDb;
    private final String table;

    public RecommendStore(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    /** Every published course: the catalog's listing partition of GSI1, only the fields the job needs. */
    public List<CourseFacts> publishedCourses() {
        List<CourseFacts> courses = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName(Courses.PUBLISHED_INDEX)
                        .keyConditionExpression("GSI1PK = :published")
                        .expressionAttributeValues(Map.of(":published", s(Courses.PUBLISHED_PARTITION)))
                        .projectionExpression(FACTS).expressionAttributeNames(NAMES))
                .items().forEach(item -> courses.add(new CourseFacts(item.get("id").s(), item.get("creatorId").s(),
                        item.get("language").s(), item.get("tags").l().stream().map(AttributeValue::s).toList(),
                        item.get("title").s())));
        return courses;
    }

    /**
     * A learner's courses, each with the strength it carries as evidence (an active entitlement 1;
     * a revoked, refunded or suspended one 0: not evidence, but not to be recommended back either).
     * One Query.
     */
    public Map<String, Float> ownedCourses(String userId) {
        Map<String, Float> owned = new LinkedHashMap<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(Entitlements.partition(userId)))))
                .items().forEach(item -> owned.put(item.get("SK").s().substring(Entitlements.SORT_PREFIX.length()),
                        Entitlements.isActive(item) ? 1f : 0f));
        return owned;
    }

    /** The published ones of these courses, by id: one BatchGetItem of their META items per 100. */
    public Map<String, CourseSummary> publishedSummaries(List<String> courseIds) {
        Map<String, CourseSummary> found = new HashMap<>();
        for (int i = 0; i < courseIds.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = courseIds.subList(i, Math.min(courseIds.size(), i + 100)).stream()
                    .distinct().map(Courses::metaKey).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression(SUMMARY).expressionAttributeNames(SUMMARY_NAMES).build());
            while (!request.isEmpty()) {
                var pending = request;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).stream().filter(Courses::isPublished)
                        .forEach(item -> found.put(item.get("id").s(), summary(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static CourseSummary summary(Map<String, AttributeValue> item) {
        return new CourseSummary(item.get("id").s(), item.get("title").s(), item.get("subtitle").s(), item.get("creatorId").s(),
                item.containsKey("creatorName") ? item.get("creatorName").s() : "", item.get("language").s(), item.get("level").s(),
                item.get("tags").l().stream().map(AttributeValue::s).toList(),
                new Money(Long.parseLong(item.get("priceAmount").n()), item.get("priceCurrency").s()));
    }
}
