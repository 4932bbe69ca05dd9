package dev.lectern.identity;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.ids.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The first admin: an account with the roles learner and admin and a generated password, shown
 * once to whoever runs the bootstrap (the local platform's --seed, or IdentityAdmin in AWS).
 */
public final class AdminBootstrap {

    public record Created(String userId, String email, String password) {
    }

    private AdminBootstrap() {
    }

    /** Creates the admin unless the email is taken; empty when it already exists. */
    public static Optional<Created> createAdmin(IdentityStore store, PasswordHasher hasher, Clock clock, String email, String displayName) {
        if (!EmailAddress.isValid(email)) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        String password = generatePassword();
        Instant now = clock.instant();
        User admin = new User(Ids.newId(), email.trim(), displayName, "", Set.of(Caller.LEARNER, Caller.ADMIN),
                hasher.hash(password), now, now, 1);
        try {
            store.createUser(admin, EmailAddress.normalize(email));
            return Optional.of(new Created(admin.id(), admin.email(), password));
        } catch (IdentityStore.EmailTakenException e) {
            return Optional.empty();
        }
    }

    /** 144 random bits, base64url: 24 characters. */
    public static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
