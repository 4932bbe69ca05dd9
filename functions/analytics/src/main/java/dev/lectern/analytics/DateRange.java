package dev.lectern.analytics;

import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code from} / {@code to} days of an analytics read (inclusive, UTC). Without them: the 30
 * days ending yesterday (today's aggregates do not exist before tomorrow's run). At most
 * {@value #MAX_DAYS} days, so a read stays a few Query pages.
 */
record DateRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    static DateRange of(Map<String, String> query, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate to = day(query, "to", errors);
        LocalDate from = day(query, "from", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (to == null) {
            to = from != null && from.plusDays(DEFAULT_DAYS - 1L).isBefore(today) ? from.plusDays(DEFAULT_DAYS - 1L) : today.minusDays(1);
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1L);
        }
        if (from.isAfter(to)) {
            throw ProblemException.validation(List.of(new FieldError("from", "must not be after to")));
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ProblemException.validation(List.of(new FieldError("to", "the range may span at most " + MAX_DAYS + " days")));
        }
        return new DateRange(from, to);
    }

    private static LocalDate day(Map<String, String> query, String name, List<FieldError> errors) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        if (DAY.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // a well-formed but impossible date (2026-02-30): answered below
            }
        }
        errors.add(new FieldError(name, "must be a date, YYYY-MM-DD"));
        return null;
    }

    List<LocalDate> days() {
        return Stream.iterate(from, d -> !d.isAfter(to), d -> d.plusDays(1)).toList();
    }
}
