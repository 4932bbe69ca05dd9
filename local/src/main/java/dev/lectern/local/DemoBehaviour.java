package dev.lectern.local;

import dev.lectern.analytics.EventLog;
import dev.lectern.analytics.EventLogStore;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.sqs.EventPublisher;
import dev.lectern.events.Behaviour;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.EventJson;
import dev.lectern.local.DemoCatalog.DemoCourse;
import dev.lectern.local.emulators.Emulators;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --seed}'s month of behaviour for the demo catalog, so that analytics, trending and
 * recommendations have something to show on first start: a few hundred simulated learners who
 * come back less often as weeks pass, browse (popular courses more, their own language more),
 * search, enrol or buy, learn lesson by lesson, complete, review, and now and then get a refund.
 * The learners exist only in the behaviour; they have no accounts.
 *
 * <p>Days before the last 24 hours go straight into the event log, one object per day, as the
 * archiver would have written them; the last 24 hours go through the behaviour queue, so that its
 * consumer also moves the trending counters.
 */
final class DemoBehaviour {

    static final int LEARNERS = 300;
    static final int DAYS = 30;

    private DemoBehaviour() {
    }

    /** The month's events, oldest first; the same for the same seed and clock. */
    static List<EventEnvelope> month(List<DemoCourse> courses, Instant now, long seed) {
        Random random = new Random(seed);
        List<EventEnvelope> events = new ArrayList<>();
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS - 1));
        for (int l = 0; l < LEARNERS; l++) {
            Learner learner = new Learner(demoUserId(random), random.nextDouble() < 0.6 ? "en" : "zh-Hans");
            int firstDay = random.nextInt(DAYS);
            double activity = 0.25 + random.nextDouble() * 0.35;
            for (int day = firstDay; day < DAYS; day++) {
                // fewer visits with every week since the first one: what a retention table shows
                double weeks = (day - firstDay) / 7.0;
                if (day != firstDay && random.nextDouble() > activity * Math.pow(0.8, weeks)) {
                    continue;
                }
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(8 * 60 + random.nextInt(14 * 60)));
                if (at.isAfter(now)) {
                    break;
                }
                learner.visit(courses, at, events, random);
            }
        }
        events.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        return events;
    }

    /** Writes a month of behaviour: the old days into the log, the last 24 hours through the queue. */
    static String seed(Emulators emulators, List<DemoCourse> courses, Instant now) {
        List<EventEnvelope> events = month(courses, now, 20261128L);
        EventLogStore log = new EventLogStore(emulators.s3(), emulators.resources().config(LocalPlatform.STAGE));
        Instant recent = now.minus(Duration.ofHours(24));
        Map<LocalDate, List<EventEnvelope>> byDay = new TreeMap<>();
        List<EventEnvelope> queued = new ArrayList<>();
        for (EventEnvelope event : events) {
            if (event.occurredAt().isBefore(recent)) {
                byDay.computeIfAbsent(EventLog.dayOf(event), d -> new ArrayList<>()).add(event);
            } else {
                queued.add(event);
            }
        }
        byDay.forEach((day, dayEvents) -> log.write(EventLog.batchObject(day, Ids.newId()), dayEvents));
        EventPublisher publisher = new EventPublisher(emulators.sqs());
        String queue = emulators.resources().queueUrls().get(ResourceId.BEHAVIOUR_QUEUE);
        List<EventEnvelope> batch = new ArrayList<>();
        int bytes = 2;
        for (EventEnvelope event : queued) {
            int size = EventJson.write(event).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + size > EventPublisher.MAX_BATCH_BYTES / 2) {
                publisher.publishAll(queue, batch);
                batch = new ArrayList<>();
                bytes = 2;
            }
            batch.add(event);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            publisher.publishAll(queue, batch);
        }
        return events.size() + " behaviour events of " + LEARNERS + " demo learners over " + DAYS + " days ("
                + (events.size() - queued.size()) + " in the event log, " + queued.size() + " of the last 24 hours sent to the behaviour queue)";
    }

    private static String demoUserId(Random random) {
        // shaped like the platform's ids (26 Crockford base-32 characters), never an account's
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("01JDEM");
        while (id.length() < 26) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** One simulated learner: what they own and how far they got in each lesson. */
    private static final class Learner {
        private final String userId;
        private final String language;
        private final Set<String> owned = new HashSet<>();
        private final Set<String> reviewed = new HashSet<>();
        private final Map<String, Long> positions = new HashMap<>();
        private final Map<String, String> orders = new HashMap<>();

        Learner(String userId, String language) {
            this.userId = userId;
            this.language = language;
        }

        void visit(List<DemoCourse> courses, Instant start, List<EventEnvelope> events, Random random) {
            Instant[] clock = {start};
            java.util.function.Consumer<Behaviour> emit = b -> {
                events.add(b.envelope(Ids.newId(), clock[0], "demo-seed"));
                clock[0] = clock[0].plusSeconds(20 + random.nextInt(100));
            };
            if (random.nextDouble() < 0.3) {
                emit.accept(new Behaviour.SearchPerformed(userId, null, language.startsWith("zh") ? "数据" : "python", 1 + random.nextInt(4)));
            }
            int views = 1 + random.nextInt(3);
            for (int v = 0; v < views; v++) {
                DemoCourse course = pick(courses, random);
                emit.accept(new Behaviour.CourseViewed(userId, null, course.id(), random.nextBoolean() ? "catalog" : "search"));
                if (!owned.contains(course.id()) && random.nextDouble() < (course.priceAmount() == 0 ? 0.35 : 0.15)) {
                    owned.add(course.id());
                    if (course.priceAmount() > 0) {
                        String orderId = Ids.newId();
                        orders.put(course.id(), orderId);
                        emit.accept(new Behaviour.OrderPaid(userId, course.id(), orderId, course.priceAmount(), course.currency()));
                        emit.accept(new Behaviour.Enrolled(userId, course.id(), "purchase"));
                        if (random.nextDouble() < 0.04) {
                            emit.accept(new Behaviour.OrderRefunded(userId, course.id(), orderId, course.priceAmount(), course.currency()));
                            owned.remove(course.id());
                            continue;
                        }
                    } else {
                        emit.accept(new Behaviour.Enrolled(userId, course.id(), "free"));
                    }
                }
            }
            for (String courseId : owned) {
                if (random.nextDouble() < 0.6) {
                    learn(courses.stream().filter(c -> c.id().equals(courseId)).findFirst().orElseThrow(), emit, random);
                }
            }
        }

        private void learn(DemoCourse course, java.util.function.Consumer<Behaviour> emit, Random random) {
            for (int i = 0; i < course.lessonIds().size(); i++) {
                String lessonId = course.lessonIds().get(i);
                long duration = course.durations().get(i);
                Long position = positions.get(lessonId + userId);
                if (position != null && position >= duration) {
                    continue;
                }
                if (position == null) {
                    emit.accept(new Behaviour.LessonStarted(userId, course.id(), lessonId));
                    position = 0L;
                }
                long seconds = Math.min(duration - position, 60 + random.nextInt((int) duration));
                position += seconds;
                positions.put(lessonId + userId, position);
                emit.accept(new Behaviour.LessonProgress(userId, course.id(), lessonId, seconds, position));
                if (position < duration) {
                    return;
                }
                emit.accept(new Behaviour.LessonCompleted(userId, course.id(), lessonId));
            }
            if (reviewed.add(course.id()) && random.nextDouble() < 0.5) {
                emit.accept(new Behaviour.ReviewPosted(userId, course.id(), 3 + random.nextInt(3)));
            }
        }

        /** A course, the popular ones (first in the catalog) and those in the learner's language more often. */
        private DemoCourse pick(List<DemoCourse> courses, Random random) {
            double[] weights = new double[courses.size()];
            double total = 0;
            for (int i = 0; i < courses.size(); i++) {
                weights[i] = (courses.get(i).language().equals(language) ? 3.0 : 1.0) / (1 + i % 4);
                total += weights[i];
            }
            double r = random.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                r -= weights[i];
                if (r <= 0) {
                    return courses.get(i);
                }
            }
            return courses.getLast();
        }
    }
}
