package dev.lectern.core.routes;

import java.util.Locale;

/**
 * Who may call a route, declared beside its {@link Auth} rule in its catalog entry. {@link Auth}
 * says what the gateway-side check enforces before the handler runs (a token, a role);
 * the audience says whom the route is for once the handler has looked at the resource (the
 * course's creator, a learner holding an entitlement). The OpenAPI document states it
 * ({@code x-audience}) and the authorization matrix suite ({@code AuthorizationMatrixEnd2EndTest})
 * calls every route as every kind of caller and asserts the outcome the audience implies: 401
 * without a token (or with one of an erased account, on writes), 403 — or 404 where the resource
 * is hidden from the caller, such as a draft — outside the audience, and neither inside it.
 * A route without an audience fails that suite.
 */
public enum Audience {
    /** Anyone, without a token. */
    ANYONE("anyone, without a token"),
    /** Any signed-in account, acting on itself. */
    SIGNED_IN("any signed-in account, for itself"),
    /** Accounts with the creator role, and admins. */
    CREATOR("creators and admins"),
    /** Any signed-in account except the course's creator (who has the course already). */
    LEARNER("any signed-in account except the course's creator"),
    /** Learners holding an entitlement to the course; not its creator, and admins only with an entitlement. */
    ENROLLED("learners entitled to the course (not its creator)"),
    /** Learners entitled to the course, its creator and admins (free-preview lessons: anyone). */
    ENTITLED("learners entitled to the course, its creator and admins"),
    /** The course's creator and admins. */
    OWNER("the course's creator and admins"),
    /** The order's buyer and admins; anyone else is told there is no such order (404). */
    BUYER("the order's buyer and admins"),
    /** Admins. */
    ADMIN("admins");

    private final String description;

    Audience(String description) {
        this.description = description;
    }

    /** One phrase for people: who may call. */
    public String description() {
        return description;
    }

    /** The name the OpenAPI document uses ({@code x-audience}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
