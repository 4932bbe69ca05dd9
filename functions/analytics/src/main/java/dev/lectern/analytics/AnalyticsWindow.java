package dev.lectern.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.stream.Stream;

/**
 * The days one run of {@code analytics-daily} computes and reads. It recomputes a trailing window
 * ending on its date (8 days by default: a day's funnel follows conversions for 7 days, so a day is
 * final once the run 7 days later has recomputed it, and late events of the last week are counted
 * by the next run), and reads what those days' metrics look back on: 29 more days for monthly
 * actives, and the 12 weeks of retention cohorts.
 *
 * @param to   the run's date, the last day computed
 * @param days how many days ending on {@code to} are computed
 */
public record AnalyticsWindow(LocalDate to, int days) {

    public static final int DEFAULT_DAYS = 8;
    /** A rerun may recompute up to this many days at once (a backfill after an outage). */
    static final int MAX_DAYS = 120;
    static final int ACTIVE_DAYS = 30;
    static final int RETENTION_WEEKS = 12;

    public AnalyticsWindow {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS);
        }
    }

    LocalDate from() {
        return to.minusDays(days - 1L);
    }

    /** The Monday that starts the oldest retention cohort: 11 weeks before the week of {@code to}. */
    LocalDate retentionFrom() {
        return to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(RETENTION_WEEKS - 1L);
    }

    /** The first day monthly actives look at: 29 days before the first day computed. */
    LocalDate activeFrom() {
        return from().minusDays(ACTIVE_DAYS - 1L);
    }

    /** The first day any query reads. */
    LocalDate readFrom() {
        return activeFrom().isBefore(retentionFrom()) ? activeFrom() : retentionFrom();
    }

    /** The days computed, oldest first. */
    List<LocalDate> computedDays() {
        return Stream.iterate(from(), d -> !d.isAfter(to), d -> d.plusDays(1)).toList();
    }

    /** Every day read, oldest first: the days whose log is compacted and whose Parquet files are fetched. */
    List<LocalDate> readDays() {
        return Stream.iterate(readFrom(), d -> !d.isAfter(to), d -> d.plusDays(1)).toList();
    }
}
