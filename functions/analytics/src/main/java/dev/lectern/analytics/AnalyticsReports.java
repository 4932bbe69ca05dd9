package dev.lectern.analytics;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.ids.Ids;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the analytics routes answer, from the aggregates {@code analytics-daily} wrote. */
@Singleton
public class AnalyticsReports {

    private final AnalyticsStore store;
    private final Clock clock;

    public AnalyticsReports(AnalyticsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The caller's courses (or the one named, which must be theirs), day by day and in total. */
    public Map<String, Object> creator(Caller caller, Map<String, String> query) {
        String courseId = query.get("courseId");
        if (courseId != null && !Ids.isId(courseId)) {
            throw ProblemException.validation(List.of(new FieldError("courseId", "must be a course id")));
        }
        DateRange range = DateRange.of(query, LocalDate.now(clock));
        List<Aggregates.CourseDay> rows;
        if (courseId == null) {
            rows = store.creatorDays(caller.userId(), range.from().toString(), range.to().toString());
        } else {
            AnalyticsStore.CourseOwner owner = store.owner(courseId)
                    .orElseThrow(() -> ProblemException.notFound("No course " + courseId));
            if (!caller.isAdmin() && !owner.creatorId().equals(caller.userId())) {
                // as the catalog does: another creator's draft does not exist for the caller; a published course does
                if (!owner.published()) {
                    throw ProblemException.notFound("No course " + courseId);
                }
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the course's creator or an admin may see its analytics");
            }
            rows = store.courseDays(courseId, range.from().toString(), range.to().toString());
        }
        Map<String, List<Aggregates.CourseDay>> byDay = new HashMap<>();
        rows.forEach(r -> byDay.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r));
        List<Map<String, Object>> days = new ArrayList<>();
        Metrics total = new Metrics();
        for (LocalDate day : range.days()) {
            Metrics metrics = new Metrics();
            byDay.getOrDefault(day.toString(), List.of()).forEach(metrics::add);
            byDay.getOrDefault(day.toString(), List.of()).forEach(total::add);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("date", day.toString());
            json.putAll(metrics.json());
            days.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        if (courseId != null) {
            body.put("courseId", courseId);
        }
        body.put("totals", total.json());
        body.put("days", days);
        return body;
    }

    /** The platform's daily, weekly and monthly active learners and the retention cohorts that start in the range. */
    public Map<String, Object> platform(Map<String, String> query) {
        DateRange range = DateRange.of(query, LocalDate.now(clock));
        Map<String, Aggregates.PlatformDay> byDay = new HashMap<>();
        store.platformDays(range.from().toString(), range.to().toString()).forEach(d -> byDay.put(d.day(), d));
        List<Map<String, Object>> days = new ArrayList<>();
        for (LocalDate day : range.days()) {
            Aggregates.PlatformDay d = byDay.getOrDefault(day.toString(), new Aggregates.PlatformDay(day.toString(), 0, 0, 0));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("date", day.toString());
            json.put("dau", d.dau());
            json.put("wau", d.wau());
            json.put("mau", d.mau());
            days.add(json);
        }
        LocalDate firstWeek = range.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Map<String, Object>> retention = new ArrayList<>();
        for (Aggregates.Cohort cohort : store.cohorts(firstWeek.toString(), range.to().toString())) {
            long size = cohort.active().isEmpty() ? 0 : cohort.active().get(0);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cohortWeek", cohort.week());
            json.put("learners", size);
            json.put("active", cohort.active());
            json.put("rates", cohort.active().stream().map(a -> size == 0 ? 0.0 : (double) a / size).toList());
            retention.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("days", days);
        body.put("retention", retention);
        return body;
    }

    /** Sums of course-days: what a day of several courses, or a whole range, shows. */
    static final class Metrics {
        long views;
        long uniqueViewers;
        long enrollments;
        long purchases;
        long refunds;
        long learningSeconds;
        long lessonsCompleted;
        long lessonsActive;
        long funnelViewers;
        long funnelConverted;
        final Map<String, Long> revenue = new TreeMap<>();
        final Map<String, Long> refunded = new TreeMap<>();

        void add(Aggregates.CourseDay d) {
            views += d.views();
            uniqueViewers += d.uniqueViewers();
            enrollments += d.enrollments();
            purchases += d.purchases();
            refunds += d.refunds();
            learningSeconds += d.learningSeconds();
            lessonsCompleted += d.lessonsCompleted();
            lessonsActive += d.lessonsActive();
            funnelViewers += d.funnelViewers();
            funnelConverted += d.funnelConverted();
            d.revenue().forEach((c, a) -> revenue.merge(c, a, Long::sum));
            d.refunded().forEach((c, a) -> refunded.merge(c, a, Long::sum));
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("views", views);
            json.put("uniqueViewers", uniqueViewers);
            json.put("enrollments", enrollments);
            json.put("purchases", purchases);
            json.put("revenue", money(revenue));
            json.put("refunds", refunds);
            json.put("refunded", money(refunded));
            json.put("learningMinutes", learningSeconds / 60);
            json.put("lessonsCompleted", lessonsCompleted);
            json.put("completionRate", lessonsActive == 0 ? null : (double) lessonsCompleted / lessonsActive);
            Map<String, Object> funnel = new LinkedHashMap<>();
            funnel.put("viewers", funnelViewers);
            funnel.put("converted", funnelConverted);
            funnel.put("conversionRate", funnelViewers == 0 ? null : (double) funnelConverted / funnelViewers);
            json.put("funnel", funnel);
            return json;
        }

        private static List<Map<String, Object>> money(Map<String, Long> amounts) {
            List<Map<String, Object>> list = new ArrayList<>();
            amounts.forEach((currency, amount) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("amount", amount);
                m.put("currency", currency);
                list.add(m);
            });
            return list;
        }
    }
}
