package dev.lectern.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Items;
import dev.lectern.core.dynamo.Progress;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.ids.Ids;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventJson;
import dev.lectern.local.emulators.SharedEmulators;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A report that loses its conditional write to a concurrent one is decided again from the item
 * that won (which the failed condition returns) and written once more; a second loss is 409.
 * Concurrency is simulated by a store whose reads are stale: another report lands between the
 * read and the write.
 */
class ProgressRaceIntegrationTest {

    private static DynamoDbClient dynamoDb;
    private static LecternConfig config;
    private static String table;

    @BeforeAll
    static void emulators() {
        dynamoDb = SharedEmulators.get().dynamoDb();
        config = LecternConfig.fromEnvironment();
        table = config.tableName();
    }

    /** A published course with one 600-second video lesson, and a learner entitled to it. */
    private record Fixture(String userId, String courseId, String lessonId) {
    }

    private static Fixture fixture() {
        Fixture f = new Fixture(Ids.newId(), Ids.newId(), Ids.newId());
        Map<String, AttributeValue> course = new HashMap<>(Courses.metaKey(f.courseId()));
        course.putAll(Map.of("type", Items.s("course"), "status", Items.s("published"), "creatorId", Items.s(Ids.newId())));
        Map<String, AttributeValue> lesson = new HashMap<>(Courses.lessonKey(f.courseId(), f.lessonId()));
        lesson.putAll(Map.of("type", Items.s("lesson"), "sectionId", Items.s(Ids.newId()), "kind", Items.s("video"),
                "durationSeconds", Items.n(600), "freePreview", AttributeValue.fromBool(false), "position", Items.n(1)));
        Map<String, AttributeValue> entitlement = new HashMap<>(Entitlements.key(f.userId(), f.courseId()));
        entitlement.putAll(Map.of("type", Items.s("entitlement"), "userId", Items.s(f.userId()), "courseId", Items.s(f.courseId()),
                "since", Items.s(Instant.now().toString()), "source", Items.s("free")));
        for (Map<String, AttributeValue> item : List.of(course, lesson, entitlement)) {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        }
        return f;
    }

    private static Caller caller(Fixture f) {
        return new Caller(f.userId(), "Learner", Set.of(Caller.LEARNER), "t", 1);
    }

    /** Before each of its first {@code interfering} writes, a concurrent report moves the item on. */
    private static final class RacedStore extends ProgressStore {
        private final ProgressStore real;
        private final Fixture fixture;
        private final AtomicInteger interfering;

        RacedStore(Fixture fixture, int interfering) {
            super(dynamoDb, config);
            this.real = new ProgressStore(dynamoDb, config);
            this.fixture = fixture;
            this.interfering = new AtomicInteger(interfering);
        }

        @Override
        Map<String, AttributeValue> write(String userId, String courseId, String lessonId, java.util.Optional<Progress.Entry> previous,
                                          ProgressChange change, Instant now, List<dev.lectern.events.EventEnvelope> events) {
            if (interfering.getAndDecrement() > 0) {
                // the other device's report: 100 s further, a little earlier
                var current = Progress.entry(real.read(userId, courseId, lessonId).progress());
                ProgressChange other = ProgressChange.of(current, current.map(Progress.Entry::positionSeconds).orElse(0L) + 100, null,
                        now.minusSeconds(1)).orElseThrow();
                real.write(userId, courseId, lessonId, current, other, now.minusSeconds(1), other.behaviours(userId, courseId, lessonId)
                        .stream().map(b -> b.envelope(Ids.newId(), now, "other-device")).toList());
            }
            return super.write(userId, courseId, lessonId, previous, change, now, events);
        }
    }

    private static Map<String, AttributeValue> item(Fixture f) {
        return dynamoDb.getItem(b -> b.tableName(table).key(Progress.key(f.userId(), f.courseId(), f.lessonId())).consistentRead(true)).item();
    }

    @Test
    void aLostRaceIsDecidedAgainFromTheWinnerAndWrittenOnce() {
        Fixture f = fixture();
        ProgressService service = new ProgressService(new RacedStore(f, 1), Clock.systemUTC());

        var answer = service.record(caller(f), f.courseId(), f.lessonId(), new LearningRequests.ProgressUpdate(30L, null), "c-1");

        assertThat(answer.positionSeconds()).isEqualTo(30);
        Map<String, AttributeValue> item = item(f);
        assertThat(item.get("version").n()).as("the other report created it (1), ours updated it (2)").isEqualTo("2");
        // decided from the winner (position 100): a rewind to 30, no second lesson_started
        assertThat(item.get("outbox").l()).extracting(v -> BehaviourType.read(EventJson.readEnvelope(v.s())))
                .containsExactly(new dev.lectern.events.Behaviour.LessonProgress(f.userId(), f.courseId(), f.lessonId(), 0, 30));
    }

    @Test
    void aSecondLossIs409() {
        Fixture f = fixture();
        ProgressService service = new ProgressService(new RacedStore(f, 2), Clock.systemUTC());

        assertThatThrownBy(() -> service.record(caller(f), f.courseId(), f.lessonId(), new LearningRequests.ProgressUpdate(30L, null), "c-2"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));
        assertThat(item(f).get("version").n()).as("only the two concurrent reports landed").isEqualTo("2");
    }
}
