package dev.lectern.analytics;

import static dev.lectern.core.dynamo.Items.n;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.events.Behaviour;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Adds a batch of behaviour events to the hourly per-course counters of core's {@link Trending}
 * layout: one UpdateItem with ADD per course and hour the batch touches, however many events it
 * holds. Only views, enrolments, purchases and completions count; events without a course or
 * older than the trending window change nothing (they cannot move what is trending now), and a
 * viewer's views of a course count once per hour within a batch (a client's batch of 100 views of
 * one course is one view). Across batches nothing is de-duplicated: the counters are approximate,
 * and the rate limits of {@code POST /events} bound what one device or network can add.
 */
@Singleton
public class TrendingCounters {

    /** The four counts of one course in one hour. */
    record Counts(long views, long enrollments, long purchases, long completions) {
        Counts plus(Counts other) {
            return new Counts(views + other.views, enrollments + other.enrollments, purchases + other.purchases,
                    completions + other.completions);
        }

        boolean isEmpty() {
            return views + enrollments + purchases + completions == 0;
        }
    }

    record HourAndCourse(Instant hour, String courseId) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public TrendingCounters(DynamoDbClient dynamoDb, LecternConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
        this.clock = clock;
    }

    private static String viewer(Behaviour behaviour) {
        return behaviour.userId() != null ? "u:" + behaviour.userId() : "d:" + behaviour.deviceId();
    }

    /** Adds the events; returns how many counter items it updated. */
    public int add(Collection<EventEnvelope> events) {
        Map<HourAndCourse, Counts> sums = sum(events, clock.instant());
        for (Map.Entry<HourAndCourse, Counts> entry : sums.entrySet()) {
            Counts c = entry.getValue();
            Instant hour = entry.getKey().hour();
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Trending.key(hour, entry.getKey().courseId()))
                    // "views" is a DynamoDB reserved word: every counter goes through a name placeholder
                    .updateExpression("ADD #v :v, #e :e, #p :p, #c :c SET #x = :x")
                    .expressionAttributeNames(Map.of("#v", "views", "#e", "enrollments", "#p", "purchases", "#c", "completions",
                            "#x", "expiresAt"))
                    .expressionAttributeValues(Map.of(":v", n(c.views()), ":e", n(c.enrollments()), ":p", n(c.purchases()),
                            ":c", n(c.completions()), ":x", n(hour.plus(Trending.KEPT).getEpochSecond()))));
        }
        return sums.size();
    }

    static Map<HourAndCourse, Counts> sum(Collection<EventEnvelope> events, Instant now) {
        Instant oldest = Trending.hourOf(now.minus(Trending.WINDOW));
        Map<HourAndCourse, Counts> sums = new LinkedHashMap<>();
        Set<String> viewers = new HashSet<>();
        for (EventEnvelope event : events) {
            Behaviour behaviour = BehaviourType.read(event);
            Counts counts = switch (behaviour) {
                case Behaviour.CourseViewed v -> new Counts(1, 0, 0, 0);
                case Behaviour.Enrolled e -> new Counts(0, 1, 0, 0);
                case Behaviour.OrderPaid p -> new Counts(0, 0, 1, 0);
                case Behaviour.LessonCompleted c -> new Counts(0, 0, 0, 1);
                default -> new Counts(0, 0, 0, 0);
            };
            Instant hour = Trending.hourOf(event.occurredAt());
            if (counts.isEmpty() || behaviour.courseId() == null || hour.isBefore(oldest) || hour.isAfter(now)) {
                continue;
            }
            // a viewer counts once per course and hour of a batch: a client cannot lift a course with a batch of its views
            if (behaviour instanceof Behaviour.CourseViewed && !viewers.add(hour + "|" + behaviour.courseId() + "|" + viewer(behaviour))) {
                continue;
            }
            sums.merge(new HourAndCourse(hour, behaviour.courseId()), counts, Counts::plus);
        }
        return sums;
    }
}
