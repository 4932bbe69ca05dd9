package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Behaviour events move {@code GET /courses/trending}: through the behaviour queue, its consumer's
 * hourly counters and the catalog's ranking (documented weights: a view 1, an enrolment 5; an
 * hour's activity halves every 6 hours of age; nothing older than 24 hours counts; a viewer's
 * repeated views of a course in one batch count once).
 */
class TrendingEnd2EndTest extends LocalPlatformTest {

    private static EventEnvelope at(Instant when, Behaviour behaviour) {
        return behaviour.envelope(Ids.newId(), when, "trending-test");
    }

    private static long counter(Instant when, String courseId, String name) {
        Map<String, AttributeValue> item = platform.emulators().dynamoDb().getItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(Trending.key(Trending.hourOf(when), courseId)).consistentRead(true)).item();
        return item == null || !item.containsKey(name) ? 0 : Long.parseLong(item.get(name).n());
    }

    @Test
    void recentWeightedActivityOrdersTheCoursesAndOldOrUnpublishedOnesStayOut() throws Exception {
        String creator = signUp(true);
        RouteFixtures fixtures = new RouteFixtures(api);
        String viewed = fixtures.course(creator, true).get("courseId");
        String enrolled = fixtures.course(creator, true).get("courseId");
        String earlier = fixtures.course(creator, true).get("courseId");
        String draft = fixtures.course(creator, false).get("courseId");
        Instant now = Instant.now();
        Instant twentyHoursAgo = now.minus(Duration.ofHours(20));
        List<EventEnvelope> events = new ArrayList<>();
        IntStream.range(0, 3).forEach(i -> events.add(at(now, new Behaviour.CourseViewed("u" + i, null, viewed, "catalog"))));
        // one device's ten views of a course in one batch count as one
        IntStream.range(0, 10).forEach(i -> events.add(at(now, new Behaviour.CourseViewed(null, "device-repeats", viewed, "catalog"))));
        IntStream.range(0, 100).forEach(i -> events.add(at(now.minus(Duration.ofHours(30)), new Behaviour.CourseViewed("old" + i, null, viewed, "catalog"))));
        events.add(at(now, new Behaviour.CourseViewed(null, "device-0001", enrolled, "search")));
        events.add(at(now, new Behaviour.Enrolled("u9", enrolled, "free")));
        IntStream.range(0, 20).forEach(i -> events.add(at(twentyHoursAgo, new Behaviour.CourseViewed("v" + i, null, earlier, "catalog"))));
        IntStream.range(0, 50).forEach(i -> events.add(at(now, new Behaviour.CourseViewed("d" + i, null, draft, "direct"))));
        events.add(at(now, new Behaviour.SearchPerformed("u1", null, "nothing to count", 0)));
        String queue = platform.emulators().resources().queueUrls().get(ResourceId.BEHAVIOUR_QUEUE);
        new EventPublisher(platform.emulators().sqs()).publishAll(queue, events);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (counter(now, enrolled, "enrollments") == 0 || counter(twentyHoursAgo, earlier, "views") == 0) {
            assertThat(System.nanoTime()).as("the counters within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        JsonNode trending = api.get("/courses/trending?limit=10", null).json();

        Map<String, Double> scores = new HashMap<>();
        List<String> order = StreamSupport.stream(trending.get("items").spliterator(), false).map(hit -> {
            scores.put(hit.get("course").get("id").asText(), hit.get("score").asDouble());
            return hit.get("course").get("id").asText();
        }).toList();
        assertThat(counter(now.minus(Duration.ofHours(30)), viewed, "views")).as("older than the window: not counted").isZero();
        assertThat(order).containsExactly(enrolled, viewed, earlier);
        // ratios do not depend on which hour "now" falls in when the ranking is computed
        assertThat(scores.get(enrolled) / scores.get(viewed)).isCloseTo((1 + 5) / 4.0, within(0.01));
        assertThat(scores.get(earlier) / scores.get(viewed)).isCloseTo(20 * Math.pow(0.5, 20 / 6.0) / 4.0, within(0.01));
        assertThat(api.get("/courses/trending?limit=1", null).json().get("items")).hasSize(1);
        assertThat(api.get("/courses/trending?language=zh", null).json().get("items")).isEmpty();
        assertThat(api.get("/courses/trending?limit=0", null).status()).isEqualTo(400);
        assertThat(api.get("/courses/trending?limit=ten", null).status()).isEqualTo(400);
        assertThat(api.get("/courses/trending?language=en!", null).status()).as("the language rule of course fields").isEqualTo(400);
    }
}
