package dev.lectern.identity;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** An account. {@code passwordHash} is a PHC string; it never leaves this module. */
public record User(String id, String email, String displayName, String bio, Set<String> roles,
                   String passwordHash, Instant createdAt, Instant updatedAt, long version) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** What the API shows of a user: never the hash. */
    public record Profile(String id, String email, String displayName, String bio, Set<String> roles,
                          Instant createdAt, Instant updatedAt) {
    }

    public Profile profile() {
        return new Profile(id, email, displayName, bio == null ? "" : bio, new TreeSet<>(roles), createdAt, updatedAt);
    }
}
