package dev.lectern.core.auth;

import java.util.Set;

/**
 * Who calls a protected route, as the verified access token says.
 *
 * @param name     the display name the token carries (public profile data), or null
 * @param accountVersion the account's version when the token was issued (claim {@value #ACCOUNT_VERSION_CLAIM}):
 *                       a token older than its account's last role change by an administrator may
 *                       not write ({@link AccountStatus})
 */
public record Caller(String userId, String name, Set<String> roles, String tokenId, long accountVersion) {

    public static final String ACCOUNT_VERSION_CLAIM = "ver";

    public static final String LEARNER = "learner";
    public static final String CREATOR = "creator";
    public static final String ADMIN = "admin";
    public static final Set<String> ALL_ROLES = Set.of(LEARNER, CREATOR, ADMIN);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean isCreator() {
        return roles.contains(CREATOR);
    }
}
