package dev.lectern.identity;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.ClientNetworks;
import dev.lectern.core.http.FieldError;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.http.Validator;
import dev.lectern.core.ids.Hashes;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.events.EventEnvelope;
import dev.lectern.identity.IdentityRequests.TokenPair;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions. Errors are {@link ProblemException}s with the status the API answers,
 * so the handlers stay one call each.
 */
@Singleton
public class IdentityService {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

    /** Sign-in attempts one client network may make for one email in a window. */
    static final int MAX_ATTEMPTS_PER_CLIENT = 5;
    /** Sign-in attempts for one email from all networks in a window: slows a guesser spread over many addresses. */
    static final int MAX_ATTEMPTS_PER_EMAIL = 20;
    static final Duration ATTEMPT_WINDOW = Duration.ofMinutes(15);
    /** Tries of an administrator's role change that lost a race with another write to the account. */
    private static final int ROLE_CHANGE_TRIES = 3;

    private final IdentityStore store;
    /** Built on first use: only the erasure function may send account events. */
    private final Provider<AccountEvents> accountEvents;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final Clock clock;
    /** Registrations, failed and throttled sign-ins (docs/operations.md, "Metrics"). */
    private final BusinessMetrics metrics;

    public IdentityService(IdentityStore store, PasswordHasher hasher, TokenIssuer tokens, Clock clock, Provider<AccountEvents> accountEvents,
                           BusinessMetrics metrics) {
        this.store = store;
        this.accountEvents = accountEvents;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
    }

    public User.Profile register(IdentityRequests.Register request) {
        new Validator()
                .required("email", request.email())
                .check(request.email() == null || EmailAddress.isValid(request.email()), "email", "must be an email address")
                .required("password", request.password())
                .length("password", request.password(), 10, 128)
                .required("displayName", request.displayName())
                .name("displayName", request.displayName() == null ? null : request.displayName().trim(), 1, 80)
                .throwIfInvalid();
        Instant now = clock.instant();
        User user = new User(Ids.newId(), request.email().trim(), request.displayName().trim(), "", Set.of(Caller.LEARNER),
                hasher.hash(request.password()), now, now, 1);
        try {
            store.createUser(user, EmailAddress.normalize(request.email()));
        } catch (IdentityStore.EmailTakenException e) {
            throw new ProblemException(ProblemType.CONFLICT, "An account with this email exists");
        }
        metrics.count(BusinessMetrics.REGISTRATIONS);
        return user.profile();
    }

    /**
     * Wrong email and wrong password cost the same Argon2 verification and answer the same 401.
     * Every attempt is counted before its password is checked (one conditional write), per email
     * and client network and per email across networks, in a window of 15 minutes from the first
     * attempt: a client with 5 attempts in the window, or an email with 20 from all networks,
     * gets 429 with Retry-After until the window ends, without a password check. A success gives
     * its attempt back and clears its network's count (docs/security.md, "Sign-in throttling").
     */
    public TokenPair login(IdentityRequests.Login request, String sourceIp) {
        // no account has a longer email or password (register refuses them), and a longer email would not fit a key
        new Validator().required("email", request.email()).length("email", request.email(), 1, 254)
                .required("password", request.password()).length("password", request.password(), 1, 128).throwIfInvalid();
        String email = EmailAddress.normalize(request.email());
        String client = sha256(clientNetwork(sourceIp));
        Instant now = clock.instant();
        IdentityStore.LoginAttempt attempt = store.countLoginAttempt(email, client, now, ATTEMPT_WINDOW,
                MAX_ATTEMPTS_PER_CLIENT, MAX_ATTEMPTS_PER_EMAIL);
        if (!attempt.counted()) {
            // whole seconds, as the window's end is stored. Measured after the count: a parallel attempt that read the
            // clock after this one may have opened the window, and the wait must never exceed the window
            long retryAfter = Math.max(1, attempt.windowEndsAt().getEpochSecond() - clock.instant().getEpochSecond());
            metrics.count(BusinessMetrics.LOGINS_THROTTLED);
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS.problem("Too many sign-in attempts for this account; try again later"),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
        // consistent: the token must carry the roles and version an administrator's last change left
        User user = store.userIdByEmail(email).flatMap(store::userForUpdate).orElse(null);
        boolean valid;
        if (user == null) {
            hasher.verifyDecoy(request.password());
            valid = false;
        } else {
            valid = hasher.verify(request.password(), user.passwordHash());
        }
        if (!valid) {
            // the attempt stays counted: that is what limits the guesses
            metrics.count(BusinessMetrics.LOGINS_FAILED);
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Wrong email or password");
        }
        store.refundLoginAttempt(email, client, attempt.windowEndsAt());
        if (hasher.needsRehash(user.passwordHash())) {
            store.updatePasswordHash(user.id(), hasher.hash(request.password()));
        }
        String refresh = TokenIssuer.newRefreshToken();
        store.startFamily(Ids.newId(), user.id(), sha256(refresh), now, now.plus(TokenIssuer.REFRESH_TOKEN_LIFETIME));
        return pair(user, refresh);
    }

    /** The client's network as the sign-in throttle counts it (core's {@link ClientNetworks}: an IPv4 address or an IPv6 /64). */
    static String clientNetwork(String sourceIp) {
        return ClientNetworks.of(sourceIp);
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
        User user = store.userForUpdate(token.userId()).orElseThrow(IdentityService::invalidRefresh);
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
                .name("displayName", request.displayName() == null ? null : request.displayName().trim(), 1, 80)
                .length("bio", request.bio(), 0, 2000)
                .throwIfInvalid();
        return store.updateProfile(caller.userId(), request.displayName() == null ? null : request.displayName().trim(),
                request.bio(), clock.instant()).map(User::profile).orElseThrow(IdentityService::accountGone);
    }

    /** Self-service creator role, unless an administrator removed it (then 403 until an administrator gives it back). */
    public User.Profile becomeCreator(Caller caller) {
        try {
            return store.addCreatorRole(caller.userId(), clock.instant()).map(User::profile).orElseThrow(IdentityService::accountGone);
        } catch (IdentityStore.CreatorSuspendedException e) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "An administrator removed your creator role; only an administrator can give it back");
        }
    }

    public User.Profile setRoles(String userId, IdentityRequests.SetRoles request) {
        Validator validator = new Validator().required("roles", request.roles());
        if (request.roles() != null) {
            validator.check(!request.roles().isEmpty(), "roles", "must not be empty");
            validator.check(request.roles().stream().allMatch(r -> r != null && Caller.ALL_ROLES.contains(r)), "roles",
                    "must be role names, of " + new TreeSet<>(Caller.ALL_ROLES));
        }
        validator.throwIfInvalid();
        Set<String> roles = new TreeSet<>(request.roles());
        for (int i = 0; i < ROLE_CHANGE_TRIES; i++) {
            User current = store.userForUpdate(userId).orElseThrow(() -> ProblemException.notFound("No user " + userId));
            // taking the creator role away is a decision the account may not undo itself (POST /me/roles/creator);
            // it holds through later role changes until an administrator gives the role back
            boolean suspended = !roles.contains(Caller.CREATOR)
                    && (current.roles().contains(Caller.CREATOR) || current.creatorSuspended());
            Optional<User> updated = store.setRoles(current, roles, suspended, clock.instant());
            if (updated.isPresent()) {
                return updated.get().profile();
            }
        }
        throw new ProblemException(ProblemType.CONFLICT, "The account changed while its roles were being set; try again");
    }

    public record SessionSummary(String id, Instant startedAt, boolean revoked) {
    }

    /** The open sign-in window of the account's email: attempts not followed by a success, from how many networks. */
    public record SignInWindow(Instant endsAt, long attempts, int networks) {
    }

    /**
     * @param signInWindow null when no window is open
     * @param otherData    what the other contexts keep about the account (reviews, enrolments, later
     *                     orders and progress), each item with its type and attributes
     */
    public record PersonalDataExport(Instant exportedAt, User.Profile profile, List<SessionSummary> sessions, SignInWindow signInWindow,
                                     List<IdentityStore.PersonalItem> otherData) {
    }

    /** Every personal data item of the caller (GDPR art. 15 and 20). */
    public PersonalDataExport export(Caller caller) {
        User user = store.user(caller.userId()).orElseThrow(IdentityService::accountGone);
        Instant now = clock.instant();
        return new PersonalDataExport(now, user.profile(),
                store.families(user.id()).stream().map(f -> new SessionSummary(f.familyId(), f.createdAt(), f.revoked())).toList(),
                store.loginWindow(EmailAddress.normalize(user.email()), now)
                        .map(w -> new SignInWindow(w.endsAt(), w.attempts(), w.clients())).orElse(null),
                store.personalData(user.id()));
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
        store.clearLoginWindow(email);
        Instant now = clock.instant();
        EventEnvelope erased = AccountEvents.erased(user.id(), now);
        // the event goes to the account's outbox in the erasure's own transaction: sent only once the
        // erasure is true, and never lost (the relay schedule sends what this request could not)
        store.deleteUser(user, email, now, erased);
        try {
            accountEvents.get().send(erased);
            store.outboxSent(user.id());
        } catch (RuntimeException e) {
            LOG.warn("account.erased for an account could not be sent now; the relay will: {}", e.toString());
        }
    }

    /** Sends what erasures left in their outbox (the send failed after the erasure committed); returns how many. */
    public int relayAccountEvents() {
        int sent = 0;
        for (EventEnvelope event : store.outbox()) {
            accountEvents.get().send(event);
            store.outboxSent(event.payload().get("userId").asText());
            sent++;
        }
        return sent;
    }

    private TokenPair pair(User user, String refresh) {
        return new TokenPair(tokens.accessToken(user.id(), user.displayName(), user.roles(), user.version()), refresh, "Bearer",
                TokenIssuer.ACCESS_TOKEN_LIFETIME.toSeconds());
    }

    private static ProblemException invalidRefresh() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "The refresh token is not valid; sign in again");
    }

    private static ProblemException accountGone() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "The account no longer exists");
    }

    static String sha256(String token) {
        return Hashes.sha256Hex(token);
    }
}
