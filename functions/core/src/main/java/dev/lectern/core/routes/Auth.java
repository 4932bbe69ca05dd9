package dev.lectern.core.routes;

/** Who may call a route. Enforced before the handler's logic runs. */
public enum Auth {
    /** Anyone, no token. */
    PUBLIC,
    /** Anyone; a token, when sent, is verified (401 if invalid) and the handler sees the caller. */
    OPTIONAL_USER,
    /** Any signed-in user (a valid access token). */
    USER,
    /** A user with the creator role. */
    CREATOR,
    /** A user with the admin role. */
    ADMIN
}
