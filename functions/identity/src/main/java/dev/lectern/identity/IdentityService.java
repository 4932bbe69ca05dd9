package dev.lectern.identity;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Ids;
import dev.lectern.identity.IdentityRequests.TokenPair;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accounts and sessions. Errors are {@link ProblemException}s with the status the API answers,
 * so the handlers stay one call each.
 */
@Singleton
public class IdentityService {

    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private final IdentityStore store;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final Clock clock;

    public IdentityService(IdentityStore store, PasswordHasher hasher, TokenIssuer tokens, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    public User.Profile register(IdentityRequests.Register request) {
        new Validator()
                .required("email", request.email())
                .check(request.email() == null || EmailAddress.isValid(request.email()), "email", "must be an email address")
                .required("password", request.password())
                .length("password", request.password(), 10, 128)
                .required("displayName", request.displayName())
                .length("displayName", request.displayName() == null ? null : request.displayName().trim(), 1, 80)
                .throwIfInvalid();
        Instant now = clock.instant();
        User user = new User(Ids.newId(), request.email().trim(), request.displayName().trim(), "", Set.of(Caller.LEARNER),
                hasher.hash(request.password()), now, now, 1);
        try {
            store.createUser(user, EmailAddress.normalize(request.email()));
        } catch (IdentityStore.EmailTakenException e) {
            throw new ProblemException(ProblemType.CONFLICT, "An account with this email exists");
        }
        return user.profile();
    }

    /**
     * Wrong email and wrong password cost the same Argon2 verification and answer the same 401.
     * Five failures within 15 minutes for one email answer 429 until the oldest leaves the window.
     */
    public TokenPair login(IdentityRequests.Login request) {
        new Validator().required("email", request.email()).required("password", request.password()).throwIfInvalid();
        String email = EmailAddress.normalize(request.email());
        Instant now = clock.instant();
        List<Instant> recent = store.loginFailures(email).stream().filter(t -> t.isAfter(now.minus(FAILURE_WINDOW))).toList();
        if (recent.size() >= MAX_FAILURES) {
            long retryAfter = Math.max(1, Duration.between(now, recent.get(recent.size() - MAX_FAILURES).plus(FAILURE_WINDOW)).toSeconds());
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS.problem("Too many failed sign-ins for this account; try again later"),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
        User user = store.userIdByEmail(email).flatMap(store::user).orElse(null);
        boolean valid;
        if (user == null) {
            hasher.verifyDecoy(request.password());
            valid = false;
        } else {
            valid = hasher.verify(request.password(), user.passwordHash());
        }
        if (!valid) {
            store.recordLoginFailure(email, now, now.plus(FAILURE_WINDOW));
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Wrong email or password");
        }
        if (!recent.isEmpty()) {
            store.clearLoginFailures(email);
        }
        if (hasher.needsRehash(user.passwordHash())) {
            store.updatePasswordHash(user.id(), hasher.hash(request.password()));
        }
        String refresh = TokenIssuer.newRefreshToken();
        store.startFamily(Ids.newId(), user.id(), sha256(refresh), now, now.plus(TokenIssuer.REFRESH_TOKEN_LIFETIME));
        return pair(user, refresh);
    }

    /** Rotates the refresh token; presenting a used one revokes its whole family. */
    public TokenPair refresh(IdentityRequests.Refresh request) {
        new Validator().required("refreshToken", request.refreshToken()).throwIfInvalid();
        Instant now = clock.instant();
        String hash = sha256(request.refreshToken());
        IdentityStore.RefreshRecord token = store.refreshToken(hash)
                .filter(t -> t.expiresAt().isAfter(now))
                .orElseThrow(IdentityService::invalidRefresh);
        IdentityStore.FamilyRecord family = store.family(token.familyId()).orElseThrow(IdentityService::invalidRefresh);
        if (family.revoked()) {
            throw invalidRefresh();
        }
        String next = TokenIssuer.newRefreshToken();
        if (token.usedAt() != null || !store.rotate(hash, sha256(next), token, now, now.plus(TokenIssuer.REFRESH_TOKEN_LIFETIME))) {
            store.revokeFamily(token.familyId());
            throw invalidRefresh();
        }
        User user = store.user(token.userId()).orElseThrow(IdentityService::invalidRefresh);
        return pair(user, next);
    }

    /** Ends the session the token belongs to; unknown tokens are accepted silently (logout is idempotent). */
    public void logout(IdentityRequests.Refresh request) {
        new Validator().required("refreshToken", request.refreshToken()).throwIfInvalid();
        store.refreshToken(sha256(request.refreshToken())).ifPresent(t -> store.revokeFamily(t.familyId()));
    }

    public User.Profile profile(Caller caller) {
        return store.user(caller.userId()).map(User::profile).orElseThrow(IdentityService::accountGone);
    }

    public User.Profile updateProfile(Caller caller, IdentityRequests.UpdateProfile request) {
        new Validator()
                .check(request.displayName() != null || request.bio() != null, "body", "send displayName and/or bio")
                .length("displayName", request.displayName() == null ? null : request.displayName().trim(), 1, 80)
                .length("bio", request.bio(), 0, 2000)
                .throwIfInvalid();
        return store.updateProfile(caller.userId(), request.displayName() == null ? null : request.displayName().trim(),
                request.bio(), clock.instant()).map(User::profile).orElseThrow(IdentityService::accountGone);
    }

    public User.Profile becomeCreator(Caller caller) {
        return store.addRole(caller.userId(), Caller.CREATOR, clock.instant()).map(User::profile).orElseThrow(IdentityService::accountGone);
    }

    public User.Profile setRoles(String userId, IdentityRequests.SetRoles request) {
        Validator validator = new Validator().required("roles", request.roles());
        if (request.roles() != null) {
            validator.check(!request.roles().isEmpty(), "roles", "must not be empty");
            request.roles().stream().filter(r -> !Caller.ALL_ROLES.contains(r)).findFirst()
                    .ifPresent(r -> validator.check(false, "roles", "unknown role " + r + "; known: " + new TreeSet<>(Caller.ALL_ROLES)));
        }
        validator.throwIfInvalid();
        return store.setRoles(userId, new TreeSet<>(request.roles()), clock.instant()).map(User::profile)
                .orElseThrow(() -> ProblemException.notFound("No user " + userId));
    }

    public record SessionSummary(String id, Instant startedAt, boolean revoked) {
    }

    public record PersonalDataExport(Instant exportedAt, User.Profile profile, List<SessionSummary> sessions, List<Instant> failedSignIns) {
    }

    /** Every personal data item of the caller (GDPR art. 15 and 20). */
    public PersonalDataExport export(Caller caller) {
        User user = store.user(caller.userId()).orElseThrow(IdentityService::accountGone);
        return new PersonalDataExport(clock.instant(), user.profile(),
                store.families(user.id()).stream().map(f -> new SessionSummary(f.familyId(), f.createdAt(), f.revoked())).toList(),
                store.loginFailures(EmailAddress.normalize(user.email())));
    }

    /** Erasure (GDPR art. 17): checks the password, removes the account and its email, ends every session. */
    public void erase(Caller caller, IdentityRequests.DeleteAccount request) {
        new Validator().required("password", request.password()).throwIfInvalid();
        User user = store.user(caller.userId()).orElseThrow(IdentityService::accountGone);
        if (!hasher.verify(request.password(), user.passwordHash())) {
            throw ProblemException.validation(List.of(new FieldError("password", "is wrong")));
        }
        String email = EmailAddress.normalize(user.email());
        store.families(user.id()).forEach(f -> store.revokeFamily(f.familyId()));
        store.clearLoginFailures(email);
        store.deleteUser(user, email);
    }

    private TokenPair pair(User user, String refresh) {
        return new TokenPair(tokens.accessToken(user.id(), user.displayName(), user.roles()), refresh, "Bearer",
                TokenIssuer.ACCESS_TOKEN_LIFETIME.toSeconds());
    }

    private static ProblemException invalidRefresh() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "The refresh token is not valid; sign in again");
    }

    private static ProblemException accountGone() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "The account no longer exists");
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
