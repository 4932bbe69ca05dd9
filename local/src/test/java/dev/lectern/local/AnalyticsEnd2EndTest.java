package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.analytics.EventLog;
import dev.lectern.analytics.EventLogStore;
import dev.lectern.core.ids.Ids;
import dev.lectern.events.Behaviour;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analytics pipeline on a generated month: about 50,000 events of 2,000 learners (and
 * anonymous visitors) over 30 days in 20 courses of two creators, written to the event log as the
 * archiver writes it — with redelivered copies, and late events that arrive after their day was
 * compacted. {@code analytics-daily} runs through the local platform's schedule endpoint; every
 * aggregate it wrote is then read through the two routes and compared with what this test computes
 * from the generated events in plain Java.
 */
class AnalyticsEnd2EndTest extends LocalPlatformTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
    private static final int DAYS = 30;
    /** The first run sees the log up to this day; late events of the days after LATE_FROM arrive only after it. */
    private static final LocalDate FIRST_RUN = FIRST.plusDays(19);
    private static final LocalDate LATE_FROM = FIRST.plusDays(13);
    /** The second run: a week after the last day, so that every day's 7-day funnel is complete. */
    private static final LocalDate LAST_RUN = FIRST.plusDays(DAYS - 1 + 7);

    /** One generated event, flat: the test's own model of what the log holds. */
    record Ev(String id, String type, Instant at, String user, String device, String course, String lesson,
              long seconds, long amount, String currency) {
        LocalDate day() {
            return at.atOffset(ZoneOffset.UTC).toLocalDate();
        }

        String viewer() {
            return user != null ? user : "device:" + device;
        }
    }

    static String creatorA;
    static String creatorB;
    static String admin;
    static final List<String> coursesA = new ArrayList<>();
    static final List<String> coursesB = new ArrayList<>();
    static final List<Ev> events = new ArrayList<>();
    static final Map<String, EventEnvelope> envelopes = new HashMap<>();
    static JsonNode firstRun;
    static JsonNode lastRun;
    static JsonNode defaultRun;

    @BeforeAll
    static void generateLogAndRunTheJob() {
        creatorA = signUp(true);
        creatorB = signUp(true);
        admin = adminToken();
        for (int i = 0; i < 10; i++) {
            coursesA.add(draftCourse(creatorA, "A" + i));
            coursesB.add(draftCourse(creatorB, "B" + i));
        }
        generate(new Random(42));

        EventLogStore log = new EventLogStore(platform.emulators().s3(), platform.emulators().resources().config(LocalPlatform.STAGE));
        Random random = new Random(7);
        Predicate<Ev> late = e -> !e.day().isBefore(LATE_FROM) && !e.day().isAfter(FIRST_RUN) && random.nextInt(100) < 5;
        List<Ev> heldBack = new ArrayList<>();
        List<Ev> beforeFirstRun = new ArrayList<>();
        List<Ev> afterFirstRun = new ArrayList<>();
        for (Ev e : events) {
            if (e.day().isAfter(FIRST_RUN)) {
                afterFirstRun.add(e);
            } else if (late.test(e)) {
                heldBack.add(e);
            } else {
                beforeFirstRun.add(e);
            }
        }
        // redelivery: 2 % of the events archived twice, in another object
        archive(log, withRedeliveries(beforeFirstRun, random));
        firstRun = runDaily(FIRST_RUN, DAYS - 10);
        assertThat(firstRun.get("daysCompacted").asInt()).isEqualTo(20);

        // after the first run: the rest of the month, the late events of days already compacted, and copies of compacted events
        List<Ev> second = new ArrayList<>(withRedeliveries(afterFirstRun, random));
        second.addAll(heldBack);
        beforeFirstRun.stream().filter(e -> !e.day().isBefore(LATE_FROM) && random.nextInt(100) < 2).forEach(second::add);
        archive(log, second);
        // late events change the funnels of the 7 days before their own: the rerun covers them (docs/operations.md)
        lastRun = runDaily(LAST_RUN, (int) ChronoUnit.DAYS.between(LATE_FROM.minusDays(7), LAST_RUN) + 1);
        assertThat(lastRun.get("daysCompacted").asInt()).isEqualTo(DAYS - 20 + (int) ChronoUnit.DAYS.between(LATE_FROM, FIRST_RUN) + 1);
        // the scheduled form: the default window again, overwriting what the rerun wrote with the same numbers
        defaultRun = runDaily(LAST_RUN, null);
    }

    @Test
    void runsReportTheirWindowCountsAndTimings() {
        assertThat(firstRun.get("from").asText()).isEqualTo("2026-10-01");
        assertThat(firstRun.get("to").asText()).isEqualTo("2026-10-20");
        assertThat(firstRun.get("parquetFiles").asInt()).isEqualTo(20);
        assertThat(lastRun.get("eventsCompacted").asInt()).isPositive();
        assertThat(defaultRun.get("from").asText()).isEqualTo(LAST_RUN.minusDays(7).toString());
        assertThat(defaultRun.get("daysCompacted").asInt()).isZero();
        assertThat(defaultRun.get("millis").has("sql")).isTrue();
        assertThat(defaultRun.get("itemsWritten").asInt())
                .isEqualTo(defaultRun.get("courseDays").asInt() + defaultRun.get("platformDays").asInt() + defaultRun.get("cohorts").asInt());
    }

    @Test
    void everyCourseDayMatchesTheEventsEvenWithDuplicatesAndLateEvents() {
        Map<String, Map<String, Expected>> expected = expectedCourseDays();
        for (String course : allCourses()) {
            JsonNode report = api.get("/creators/me/analytics?from=2026-10-01&to=2026-10-30&courseId=" + course, admin).json();
            assertThat(report.get("days")).hasSize(DAYS);
            Expected total = new Expected();
            for (JsonNode day : report.get("days")) {
                Expected want = expected.getOrDefault(course, Map.of()).getOrDefault(day.get("date").asText(), new Expected());
                assertMetrics(day, want, course + " " + day.get("date").asText());
                total.add(want);
            }
            assertMetrics(report.get("totals"), total, course + " totals");
        }
    }

    @Test
    void aCreatorSeesTheSumOfTheirOwnCoursesOnly() {
        Map<String, Map<String, Expected>> expected = expectedCourseDays();
        JsonNode report = api.get("/creators/me/analytics?from=2026-10-01&to=2026-10-30", creatorA).json();
        Expected total = new Expected();
        for (JsonNode day : report.get("days")) {
            Expected want = new Expected();
            coursesA.forEach(c -> want.add(expected.getOrDefault(c, Map.of()).getOrDefault(day.get("date").asText(), new Expected())));
            assertMetrics(day, want, "creator A " + day.get("date").asText());
            total.add(want);
        }
        assertMetrics(report.get("totals"), total, "creator A totals");
        assertThat(total.views).isPositive();
        assertThat(total.funnelConverted).isPositive();

        assertThat(api.get("/creators/me/analytics?from=2026-10-01&to=2026-10-30&courseId=" + coursesA.get(0), creatorA).status())
                .isEqualTo(200);
        // another creator's draft does not exist for the caller, as in the catalog; a published course is forbidden
        assertThat(api.get("/creators/me/analytics?courseId=" + coursesB.get(0), creatorA).status()).isEqualTo(404);
        String published = new RouteFixtures(api).course(creatorB, true).get("courseId");
        ApiClient.Response forbidden = api.get("/creators/me/analytics?courseId=" + published, creatorA);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("content-type")).startsWith("application/problem+json");
        assertThat(api.get("/creators/me/analytics?courseId=" + Ids.newId(), creatorA).status()).isEqualTo(404);
        assertThat(api.get("/creators/me/analytics", signUp(false)).status()).isEqualTo(403);
    }

    @Test
    void badRangesAreProblemsNotErrors() {
        for (String query : List.of("from=2026-10-31&to=2026-10-01", "from=2025-01-01&to=2026-10-01", "from=yesterday",
                "to=2026-02-30", "from=2026-1-1", "courseId=not-an-id", "to=2026-10-01T00:00:00Z")) {
            ApiClient.Response response = api.get("/creators/me/analytics?" + query, creatorA);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("content-type")).startsWith("application/problem+json");
            assertThat(api.get("/admin/analytics?" + query.replace("courseId=not-an-id", "from=x"), admin).status()).as(query).isEqualTo(400);
        }
        JsonNode defaults = api.get("/admin/analytics", admin).json();
        assertThat(defaults.get("days")).hasSize(30);
    }

    @Test
    void platformActivityAndRetentionMatchTheEvents() {
        JsonNode report = api.get("/admin/analytics?from=2026-10-01&to=" + LAST_RUN, admin).json();
        List<LocalDate> days = FIRST.datesUntil(LAST_RUN.plusDays(1)).toList();
        assertThat(report.get("days")).hasSize(days.size());
        Map<LocalDate, Set<String>> activeByDay = new HashMap<>();
        unique().stream().filter(e -> e.user() != null)
                .forEach(e -> activeByDay.computeIfAbsent(e.day(), d -> new HashSet<>()).add(e.user()));
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            JsonNode row = report.get("days").get(i);
            assertThat(row.get("date").asText()).isEqualTo(day.toString());
            assertThat(row.get("dau").asLong()).as("dau " + day).isEqualTo(activeIn(activeByDay, day, 1));
            assertThat(row.get("wau").asLong()).as("wau " + day).isEqualTo(activeIn(activeByDay, day, 7));
            assertThat(row.get("mau").asLong()).as("mau " + day).isEqualTo(activeIn(activeByDay, day, 30));
        }

        // retention: cohorts by the week of the first enrolment, active = any event in the week k after it
        Map<String, LocalDate> cohortOf = new HashMap<>();
        Map<String, Set<LocalDate>> weeksOf = new HashMap<>();
        for (Ev e : unique()) {
            if (e.user() == null) {
                continue;
            }
            weeksOf.computeIfAbsent(e.user(), u -> new HashSet<>()).add(monday(e.day()));
            if (e.type().equals("enrolled")) {
                cohortOf.merge(e.user(), monday(e.day()), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        LocalDate lastWeek = monday(LAST_RUN);
        Map<LocalDate, List<Long>> cohorts = new TreeMap<>();
        cohortOf.forEach((user, week) -> {
            int weeks = (int) ChronoUnit.WEEKS.between(week, lastWeek) + 1;
            List<Long> active = cohorts.computeIfAbsent(week, w -> new ArrayList<>(java.util.Collections.nCopies(weeks, 0L)));
            for (LocalDate activeWeek : weeksOf.get(user)) {
                long k = ChronoUnit.WEEKS.between(week, activeWeek);
                if (k >= 0) {
                    active.set((int) k, active.get((int) k) + 1);
                }
            }
        });
        JsonNode retention = report.get("retention");
        assertThat(retention).hasSize(cohorts.size());
        int i = 0;
        for (Map.Entry<LocalDate, List<Long>> cohort : cohorts.entrySet()) {
            JsonNode row = retention.get(i++);
            assertThat(row.get("cohortWeek").asText()).isEqualTo(cohort.getKey().toString());
            List<Long> active = new ArrayList<>();
            row.get("active").forEach(n -> active.add(n.asLong()));
            assertThat(active).as("cohort " + cohort.getKey()).isEqualTo(cohort.getValue());
            assertThat(row.get("learners").asLong()).isEqualTo(cohort.getValue().get(0));
            assertThat(row.get("rates").get(0).asDouble()).isEqualTo(1.0);
        }
        assertThat(cohorts.values().stream().mapToLong(a -> a.get(0)).sum()).isGreaterThan(1000);
    }

    // --- generation -------------------------------------------------------------------------------

    private static String draftCourse(String owner, String title) {
        return api.post("/courses", owner, "{\"title\":\"Analytics " + title + "\",\"language\":\"en\",\"level\":\"all\","
                + "\"price\":{\"amount\":1999,\"currency\":\"usd\"}}").json().get("id").asText();
    }

    private static List<String> allCourses() {
        List<String> all = new ArrayList<>(coursesA);
        all.addAll(coursesB);
        return all;
    }

    /**
     * 2,000 learners, each interested in two or three courses: they view them (and anonymous
     * visitors do), enrol or buy some, learn their lessons (started, progress pings, completed once),
     * now and then get a refund, search or review. About 50,000 events.
     */
    private static void generate(Random random) {
        List<String> courses = allCourses();
        Map<String, List<String>> lessons = new HashMap<>();
        courses.forEach(c -> lessons.put(c, List.of(Ids.newId(), Ids.newId(), Ids.newId(), Ids.newId(), Ids.newId())));
        Set<String> completed = new HashSet<>();
        for (int learner = 0; learner < 2000; learner++) {
            String user = Ids.newId();
            List<String> interests = new ArrayList<>();
            for (int k = 0, n = 2 + random.nextInt(2); k < n; k++) {
                interests.add(courses.get(random.nextInt(courses.size())));
            }
            int start = random.nextInt(DAYS);
            for (int n = 0; n < 25; n++) {
                int day = Math.min(DAYS - 1, start + random.nextInt(10));
                Instant at = FIRST.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_400));
                String course = interests.get(random.nextInt(interests.size()));
                String lesson = lessons.get(course).get(random.nextInt(5));
                int roll = random.nextInt(100);
                if (roll < 35) {
                    add(new Behaviour.CourseViewed(user, null, course, "catalog"), at);
                } else if (roll < 40) {
                    add(new Behaviour.CourseViewed(null, "device-" + random.nextInt(3000), course, "search"), at);
                } else if (roll < 47) {
                    add(new Behaviour.Enrolled(user, course, "free"), at);
                } else if (roll < 51) {
                    boolean euro = random.nextBoolean();
                    add(new Behaviour.OrderPaid(user, course, Ids.newId(), euro ? 2500 : 1999, euro ? "eur" : "usd"), at);
                } else if (roll < 52) {
                    add(new Behaviour.OrderRefunded(user, course, Ids.newId(), 1999, "usd"), at);
                } else if (roll < 62) {
                    add(new Behaviour.LessonStarted(user, course, lesson), at);
                } else if (roll < 88) {
                    add(new Behaviour.LessonProgress(user, course, lesson, 1 + random.nextInt(300), random.nextInt(3600)), at);
                } else if (roll < 95) {
                    if (completed.add(user + lesson)) {
                        add(new Behaviour.LessonCompleted(user, course, lesson), at);
                    }
                } else if (roll < 98) {
                    add(new Behaviour.SearchPerformed(user, null, "java", random.nextInt(20)), at);
                } else {
                    add(new Behaviour.ReviewPosted(user, course, 1 + random.nextInt(5)), at);
                }
            }
        }
    }

    private static void add(Behaviour behaviour, Instant at) {
        String id = Ids.newId();
        EventEnvelope envelope = behaviour.envelope(id, at, "gen-" + id);
        envelopes.put(id, envelope);
        JsonNode p = envelope.payload();
        events.add(new Ev(id, BehaviourType.of(behaviour).typeName(), at, text(p, "userId"), text(p, "deviceId"),
                text(p, "courseId"), text(p, "lessonId"), p.path("seconds").asLong(0), p.path("amount").asLong(0), text(p, "currency")));
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<Ev> withRedeliveries(List<Ev> batch, Random random) {
        List<Ev> all = new ArrayList<>(batch);
        batch.stream().filter(e -> random.nextInt(100) < 2).forEach(all::add);
        return all;
    }

    /** As the archiver writes: one gzip JSON Lines object per batch of (here) 500 events and day, named by a fresh id. */
    private static void archive(EventLogStore log, Collection<Ev> batch) {
        Map<LocalDate, List<EventEnvelope>> byDay = new TreeMap<>();
        batch.forEach(e -> byDay.computeIfAbsent(e.day(), d -> new ArrayList<>()).add(envelopes.get(e.id())));
        byDay.forEach((day, dayEvents) -> {
            for (int i = 0; i < dayEvents.size(); i += 500) {
                log.write(EventLog.batchObject(day, Ids.newId()), dayEvents.subList(i, Math.min(dayEvents.size(), i + 500)));
            }
        });
    }

    private static JsonNode runDaily(LocalDate date, Integer days) {
        String detail = "{\"date\":\"" + date + "\"" + (days == null ? "" : ",\"days\":\"" + days + "\"") + "}";
        ApiClient.Response response = api.post("/_local/schedules/analytics-daily/run", null, "{\"detail\":" + detail + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("result");
    }

    // --- the independent computation ------------------------------------------------------------

    private static List<Ev> unique() {
        Map<String, Ev> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.id(), e));
        return List.copyOf(byId.values());
    }

    /** The metrics of one course-day (or a sum of them), as the docs define them. */
    static final class Expected {
        long views;
        long uniqueViewers;
        long enrollments;
        long purchases;
        long refunds;
        long seconds;
        long completed;
        long lessonsActive;
        long funnelViewers;
        long funnelConverted;
        final Map<String, Long> revenue = new TreeMap<>();
        final Map<String, Long> refunded = new TreeMap<>();

        void add(Expected o) {
            views += o.views;
            uniqueViewers += o.uniqueViewers;
            enrollments += o.enrollments;
            purchases += o.purchases;
            refunds += o.refunds;
            seconds += o.seconds;
            completed += o.completed;
            lessonsActive += o.lessonsActive;
            funnelViewers += o.funnelViewers;
            funnelConverted += o.funnelConverted;
            o.revenue.forEach((c, a) -> revenue.merge(c, a, Long::sum));
            o.refunded.forEach((c, a) -> refunded.merge(c, a, Long::sum));
        }
    }

    private static Map<String, Map<String, Expected>> expectedCourseDays() {
        Map<String, Map<String, List<Ev>>> byCourseDay = new HashMap<>();
        List<Ev> unique = unique();
        unique.stream().filter(e -> e.course() != null).forEach(e -> byCourseDay
                .computeIfAbsent(e.course(), c -> new HashMap<>()).computeIfAbsent(e.day().toString(), d -> new ArrayList<>()).add(e));
        Map<String, List<Ev>> conversionsByUserCourse = unique.stream()
                .filter(e -> e.user() != null && (e.type().equals("enrolled") || e.type().equals("order_paid")))
                .collect(Collectors.groupingBy(e -> e.user() + "/" + e.course()));
        Map<String, Map<String, Expected>> expected = new HashMap<>();
        byCourseDay.forEach((course, days) -> days.forEach((day, list) -> {
            Expected x = new Expected();
            Set<String> viewers = new HashSet<>();
            Map<String, Instant> firstView = new HashMap<>();
            Set<String> active = new HashSet<>();
            for (Ev e : list) {
                switch (e.type()) {
                    case "course_viewed" -> {
                        x.views++;
                        viewers.add(e.viewer());
                        if (e.user() != null) {
                            firstView.merge(e.user(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
                        }
                    }
                    case "enrolled" -> x.enrollments++;
                    case "order_paid" -> {
                        x.purchases++;
                        x.revenue.merge(e.currency(), e.amount(), Long::sum);
                    }
                    case "order_refunded" -> {
                        x.refunds++;
                        x.refunded.merge(e.currency(), e.amount(), Long::sum);
                    }
                    case "lesson_progress" -> x.seconds += e.seconds();
                    case "lesson_completed" -> x.completed++;
                    default -> { }
                }
                if (e.type().startsWith("lesson_")) {
                    active.add(e.user() + "/" + e.lesson());
                }
            }
            x.uniqueViewers = viewers.size();
            x.lessonsActive = active.size();
            x.funnelViewers = viewers.size();
            LocalDate viewDay = LocalDate.parse(day);
            x.funnelConverted = firstView.entrySet().stream().filter(v -> conversionsByUserCourse
                    .getOrDefault(v.getKey() + "/" + course, List.of()).stream()
                    .anyMatch(c -> !c.at().isBefore(v.getValue()) && ChronoUnit.DAYS.between(viewDay, c.day()) <= 7)).count();
            expected.computeIfAbsent(course, c -> new HashMap<>()).put(day, x);
        }));
        return expected;
    }

    private static void assertMetrics(JsonNode json, Expected x, String what) {
        assertThat(json.get("views").asLong()).as(what + " views").isEqualTo(x.views);
        assertThat(json.get("uniqueViewers").asLong()).as(what + " uniqueViewers").isEqualTo(x.uniqueViewers);
        assertThat(json.get("enrollments").asLong()).as(what + " enrollments").isEqualTo(x.enrollments);
        assertThat(json.get("purchases").asLong()).as(what + " purchases").isEqualTo(x.purchases);
        assertThat(money(json.get("revenue"))).as(what + " revenue").isEqualTo(x.revenue);
        assertThat(json.get("refunds").asLong()).as(what + " refunds").isEqualTo(x.refunds);
        assertThat(money(json.get("refunded"))).as(what + " refunded").isEqualTo(x.refunded);
        assertThat(json.get("learningMinutes").asLong()).as(what + " learningMinutes").isEqualTo(x.seconds / 60);
        assertThat(json.get("lessonsCompleted").asLong()).as(what + " lessonsCompleted").isEqualTo(x.completed);
        if (x.lessonsActive == 0) {
            assertThat(json.has("completionRate")).as(what + " completionRate").isFalse();
        } else {
            assertThat(json.get("completionRate").asDouble()).as(what + " completionRate")
                    .isCloseTo((double) x.completed / x.lessonsActive, within(1e-9));
        }
        JsonNode funnel = json.get("funnel");
        assertThat(funnel.get("viewers").asLong()).as(what + " funnel viewers").isEqualTo(x.funnelViewers);
        assertThat(funnel.get("converted").asLong()).as(what + " funnel converted").isEqualTo(x.funnelConverted);
        if (x.funnelViewers > 0) {
            assertThat(funnel.get("conversionRate").asDouble()).isCloseTo((double) x.funnelConverted / x.funnelViewers, within(1e-9));
        }
    }

    private static Map<String, Long> money(JsonNode list) {
        Map<String, Long> amounts = new TreeMap<>();
        list.forEach(m -> amounts.put(m.get("currency").asText(), m.get("amount").asLong()));
        return amounts;
    }

    private static long activeIn(Map<LocalDate, Set<String>> activeByDay, LocalDate day, int days) {
        Set<String> users = new HashSet<>();
        for (int i = 0; i < days; i++) {
            users.addAll(activeByDay.getOrDefault(day.minusDays(i), Set.of()));
        }
        return users.size();
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
