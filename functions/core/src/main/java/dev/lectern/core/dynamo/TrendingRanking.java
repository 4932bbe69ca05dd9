package dev.lectern.core.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * What is trending: courses by their activity over the last {@link Trending#WINDOW} (weighted as
 * {@link Trending} says), each hour's activity halved every {@link #HALF_LIFE} of age so that this
 * hour outweighs yesterday's. Computed from the hourly counters (one Query per hour of the window,
 * in parallel) at most once a {@link #REFRESH_INTERVAL} per instance: trending moves within about a
 * minute of the events that move it, and a busy route costs the table a couple of dozen small
 * Queries a minute, not per request. The catalog's trending route and recommendations share it.
 */
public final class TrendingRanking {

    public static final Duration HALF_LIFE = Duration.ofHours(6);
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(60);
    /** Ranked courses kept per refresh: enough for any filtered page of at most 50. */
    static final int KEPT = 500;

    /** A course and its decayed weighted activity. */
    public record Ranked(String courseId, double score) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private List<Ranked> ranked = List.of();
    private Instant rankedAt;

    public TrendingRanking(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** The courses with any activity in the window, most trending first (at most {@value #KEPT}). */
    public synchronized List<Ranked> ranked() {
        Instant now = clock.instant();
        if (rankedAt == null || rankedAt.plus(REFRESH_INTERVAL).isBefore(now)) {
            ranked = rank(now);
            rankedAt = now;
        }
        return ranked;
    }

    private List<Ranked> rank(Instant now) {
        Instant current = Trending.hourOf(now);
        List<Instant> hours = new ArrayList<>();
        for (Instant h = Trending.hourOf(now.minus(Trending.WINDOW)); !h.isAfter(current); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        Map<String, Double> scores = new HashMap<>();
        try (ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<String, Long>>> results = hours.stream().map(h -> queries.submit(() -> hour(h))).toList();
            for (int i = 0; i < hours.size(); i++) {
                double weight = decay(Duration.between(hours.get(i), current));
                results.get(i).get().forEach((courseId, score) -> scores.merge(courseId, score * weight, Double::sum));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the trending counters", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return scores.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Ranked(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0))
                .sorted(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::courseId))
                .limit(KEPT)
                .toList();
    }

    /** Every course's score in one hour: one Query of that hour's partition (paginated for a busy hour). */
    private Map<String, Long> hour(Instant hour) {
        Map<String, Long> scores = new HashMap<>();
        dynamoDb.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Trending.partition(hour)))))
                .items().forEach(item -> scores.put(item.get("SK").s().substring(Trending.SORT_PREFIX.length()),
                        Trending.score(count(item, "views"), count(item, "enrollments"), count(item, "purchases"),
                                count(item, "completions"))));
        return scores;
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    /** The weight of an hour's activity {@code age} ago. */
    public static double decay(Duration age) {
        return Math.pow(0.5, (double) age.toMinutes() / HALF_LIFE.toMinutes());
    }
}
