package dev.lectern.identity;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account. {@code passwordHash} is a PHC string; it never leaves this module.
 *
 * @param creatorSuspended an administrator took the creator role away: the self-service route
 *                         ({@code POST /me/roles/creator}) may not give it back; only an
 *                         administrator granting the role again clears it
 */
public record User(String id, String email, String displayName, String bio, Set<String> roles,
                   String passwordHash, Instant createdAt, Instant updatedAt, long version, boolean creatorSuspended) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** A new account: nothing suspended. */
    public User(String id, String email, String displayName, String bio, Set<String> roles,
                String passwordHash, Instant createdAt, Instant updatedAt, long version) {
        this(id, email, displayName, bio, roles, passwordHash, createdAt, updatedAt, version, false);
    }

    /** What the API shows of a user: never the hash. */
    public record Profile(String id, String email, String displayName, String bio, Set<String> roles,
                          boolean creatorSuspended, Instant createdAt, Instant updatedAt) {
    }

    public Profile profile() {
        return new Profile(id, email, displayName, bio == null ? "" : bio, new TreeSet<>(roles), creatorSuspended, createdAt, updatedAt);
    }
}
