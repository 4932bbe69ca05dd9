package dev.lectern.local;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler expression, evaluated in UTC: {@code rate(5 minutes)} or
 * {@code cron(minutes hours day-of-month month day-of-week year)}. EventBridge's cron is Quartz's
 * without the seconds field, so it is parsed as Quartz with seconds fixed at 0.
 */
final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Duration rate;
    private final ExecutionTime cron;

    private ScheduleExpression(Duration rate, ExecutionTime cron) {
        this.rate = rate;
        this.cron = cron;
    }

    static ScheduleExpression parse(String expression) {
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            String unit = rate.group(2).toLowerCase(Locale.ROOT);
            Duration duration = unit.startsWith("minute") ? Duration.ofMinutes(amount)
                    : unit.startsWith("hour") ? Duration.ofHours(amount) : Duration.ofDays(amount);
            if (duration.isZero()) {
                throw new IllegalArgumentException("a rate must be positive: " + expression);
            }
            return new ScheduleExpression(duration, null);
        }
        Matcher cron = CRON.matcher(expression.trim());
        if (cron.matches()) {
            String[] fields = cron.group(1).trim().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("an EventBridge cron has 6 fields: " + expression);
            }
            return new ScheduleExpression(null, ExecutionTime.forCron(QUARTZ.parse("0 " + cron.group(1).trim())));
        }
        throw new IllegalArgumentException("not a rate(...) or cron(...) expression: " + expression);
    }

    /** The first time strictly after {@code after}. */
    Instant next(Instant after) {
        if (rate != null) {
            return after.plus(rate);
        }
        ZonedDateTime from = after.atZone(ZoneOffset.UTC);
        return cron.nextExecution(from).map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("the schedule never fires again"));
    }
}
