package dev.lectern.analytics;

import java.util.List;
import java.util.Map;

/** What {@code analytics-daily} computes and the read routes serve (definitions: docs/architecture.md, "Analytics"). */
final class Aggregates {

    private Aggregates() {
    }

    /**
     * One course's day. {@code lessonsActive} is the completion rate's denominator: distinct
     * (learner, lesson) pairs with any lesson event that day. Money is in minor units per currency.
     */
    record CourseDay(String courseId, String day, long views, long uniqueViewers, long enrollments, long purchases,
                     long refunds, long learningSeconds, long lessonsCompleted, long lessonsActive,
                     long funnelViewers, long funnelConverted, Map<String, Long> revenue, Map<String, Long> refunded) {
    }

    /** Distinct signed-in learners active on the day, in the 7 and in the 30 days ending on it. */
    record PlatformDay(String day, long dau, long wau, long mau) {
    }

    /** A weekly cohort (its Monday): {@code active.get(k)} learners of it had an event in week k after it; k = 0 is its size. */
    record Cohort(String week, List<Long> active) {
    }
}
