package dev.lectern.local;

import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.BehaviourEvent;
import dev.lectern.events.EventEnvelope;
import dev.lectern.local.emulators.Emulators;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --seed}: demo data, so that the platform is alive on first start. Each context adds its
 * part here through its own public API or events, never by writing another context's items.
 */
final class DemoData {

    private DemoData() {
    }

    /** Returns one line per kind of thing seeded, for the start banner. */
    static List<String> seed(Emulators emulators, Clock clock) {
        List<String> seeded = new ArrayList<>();
        seeded.add(seedBehaviour(emulators, clock));
        return seeded;
    }

    /** A day of behaviour from three learners, through the behaviour queue and its archiver. */
    private static String seedBehaviour(Emulators emulators, Clock clock) {
        EventPublisher publisher = new EventPublisher(emulators.sqs());
        String queue = emulators.resources().queueUrls().get(ResourceId.BEHAVIOUR_QUEUE);
        Instant start = clock.instant().minus(Duration.ofDays(1));
        int count = 0;
        for (int learner = 1; learner <= 3; learner++) {
            for (int lesson = 1; lesson <= 4; lesson++) {
                for (BehaviourEvent.Action action : List.of(BehaviourEvent.Action.LESSON_STARTED, BehaviourEvent.Action.LESSON_COMPLETED)) {
                    BehaviourEvent event = new BehaviourEvent("demo-learner-" + learner, "demo-course-1",
                            "demo-lesson-" + lesson, action, action == BehaviourEvent.Action.LESSON_COMPLETED ? 100 : 0);
                    Instant at = start.plus(Duration.ofMinutes(count * 7L));
                    publisher.publish(queue, EventEnvelope.of(Ids.newId(), event.envelopeType(), at, "seed", event));
                    count++;
                }
            }
        }
        return count + " behaviour events sent to the behaviour queue";
    }
}
