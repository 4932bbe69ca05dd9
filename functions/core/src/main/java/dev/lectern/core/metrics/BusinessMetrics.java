package dev.lectern.core.metrics;

/**
 * What domain code counts: business events, named here so that every context counts under the
 * names docs/operations.md lists and the dashboard shows. A domain service takes this interface
 * (Micronaut injects the invocation's {@link InvocationMetrics}; a test passes a map or
 * {@link #NONE}); the base handler emits the counts once per invocation, as EMF lines with the
 * {@code Service} dimension only (docs/operations.md, "Metrics").
 *
 * <p>Orders and revenue join here with the commerce context: {@code Orders} as a count and
 * {@code Revenue} as an amount in minor units with the currency as a second dimension.
 */
@FunctionalInterface
public interface BusinessMetrics {

    /** Accounts created ({@code POST /auth/register}). */
    String REGISTRATIONS = "Registrations";
    /** Sign-ins refused for a wrong email or password (401). */
    String LOGINS_FAILED = "LoginsFailed";
    /** Sign-ins refused by the throttle before any password check (429). */
    String LOGINS_THROTTLED = "LoginsThrottled";
    /** Courses that went from draft to published. */
    String COURSES_PUBLISHED = "CoursesPublished";
    /** Free enrolments that granted a course (a repeated enrolment is not counted). */
    String ENROLLMENTS = "Enrollments";

    /** Counts nothing: for tools and tests that do not look at metrics. */
    BusinessMetrics NONE = (metric, n) -> {
    };

    /** Adds {@code n} to this invocation's counter {@code metric}. */
    void count(String metric, long n);

    /** Adds one to this invocation's counter {@code metric}. */
    default void count(String metric) {
        count(metric, 1);
    }
}
