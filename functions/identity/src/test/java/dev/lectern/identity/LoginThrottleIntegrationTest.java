package dev.lectern.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.auth.Caller;
import dev.lectern.core.auth.KeySetSource;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.metrics.InvocationMetrics;
import dev.lectern.local.emulators.Emulators;
import dev.lectern.local.emulators.MovableClock;
import dev.lectern.local.emulators.SharedEmulators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sign-in throttle of {@link IdentityService#login} against DynamoDB Local, with explicit
 * source IPs (the local gateway only ever sees 127.0.0.1), a clock the test moves, and a hasher
 * that counts its Argon2 verifications, so "at most five guesses" is counted where it matters.
 */
class LoginThrottleIntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String WRONG = "wrong password!";
    private static final String ATTACKER = "203.0.113.7";
    private static final String OWNER = "198.51.100.20";

    private static Emulators emulators;
    private static LecternConfig config;

    private final MovableClock clock = new MovableClock(Instant.now());
    private final CountingHasher hasher = new CountingHasher();
    private final InvocationMetrics metrics = new InvocationMetrics();
    private IdentityStore store;
    private IdentityService service;

    record Outcome(int status, String retryAfter) {
    }

    @BeforeAll
    static void startEmulators() {
        emulators = SharedEmulators.get();
        config = emulators.resources().config(SharedEmulators.STAGE);
    }

    @BeforeEach
    void buildService() {
        store = new IdentityStore(emulators.dynamoDb(), config);
        service = new IdentityService(store, hasher, new TokenIssuer(new KeySetSource(config, clock, () -> null), clock), clock, () -> null, metrics);
    }

    @Test
    void registrationsFailedAndThrottledSignInsAreCountedForTheMetrics() {
        String email = register();
        assertThat(metrics.drain()).containsExactly(Map.entry(BusinessMetrics.REGISTRATIONS, 1L));

        for (int i = 0; i < 5; i++) {
            login(email, WRONG, ATTACKER);
        }
        login(email, PASSWORD, ATTACKER);
        login(email, WRONG, ATTACKER);
        login(email, PASSWORD, OWNER);

        assertThat(metrics.drain()).containsExactly(Map.entry(BusinessMetrics.LOGINS_FAILED, 5L),
                Map.entry(BusinessMetrics.LOGINS_THROTTLED, 2L));
        assertThat(metrics.drain()).as("a success counts nothing").isEmpty();
    }

    @Test
    void anotherNetworkStillSignsInAfterOneClientUsedItsAttempts() {
        String email = register();

        for (int i = 0; i < 5; i++) {
            assertThat(login(email, WRONG, ATTACKER).status()).isEqualTo(401);
        }
        Outcome attackerAgain = login(email, PASSWORD, ATTACKER);
        int checked = hasher.verifications.get();
        Outcome owner = login(email, PASSWORD, OWNER);

        assertThat(attackerAgain).isEqualTo(new Outcome(429, "900"));
        assertThat(checked).as("the sixth attempt was refused before any password check").isEqualTo(5);
        assertThat(owner.status()).isEqualTo(200);
    }

    @Test
    void theCeilingAcrossNetworksStopsAGuesserSpreadOverManyAddresses() {
        String email = register();
        for (int network = 1; network <= 4; network++) {
            for (int i = 0; i < 5; i++) {
                assertThat(login(email, WRONG, "203.0.113." + network).status()).isEqualTo(401);
            }
        }

        Outcome fifthNetwork = login(email, WRONG, "203.0.113.99");
        Outcome owner = login(email, PASSWORD, OWNER);
        int checked = hasher.verifications.get();
        clock.advance(IdentityService.ATTEMPT_WINDOW);
        Outcome ownerAfterTheWindow = login(email, PASSWORD, OWNER);

        assertThat(fifthNetwork).isEqualTo(new Outcome(429, "900"));
        assertThat(owner.status()).as("at the ceiling everyone waits for the window's end: the price of the ceiling").isEqualTo(429);
        assertThat(checked).isEqualTo(IdentityService.MAX_ATTEMPTS_PER_EMAIL);
        assertThat(ownerAfterTheWindow.status()).isEqualTo(200);
    }

    @Test
    void successesAreNotCountedAndForgiveTheirNetworksMistakes() {
        String email = register();
        for (int i = 0; i < IdentityService.MAX_ATTEMPTS_PER_EMAIL + 5; i++) {
            assertThat(login(email, PASSWORD, OWNER).status()).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(login(email, WRONG, OWNER).status()).isEqualTo(401);
        }
        assertThat(login(email, PASSWORD, OWNER).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, WRONG, OWNER).status()).as("typo " + i + " after the success").isEqualTo(401);
        }

        assertThat(login(email, WRONG, OWNER).status()).isEqualTo(429);
        assertThat(windowItem(email).get("attempts").n()).as("the 9 failures stay counted for the email").isEqualTo("9");
    }

    @Test
    void twentyParallelGuessesFromOneNetworkGetExactlyFivePasswordChecks() throws Exception {
        String email = register();

        List<Outcome> outcomes = parallel(20, () -> login(email, WRONG, ATTACKER));

        assertThat(hasher.verifications.get()).isEqualTo(5);
        assertThat(outcomes).filteredOn(o -> o.status() == 401).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o.status() == 429).hasSize(15).allSatisfy(o -> assertThat(o.retryAfter()).isEqualTo("900"));
    }

    @Test
    void anEndedWindowIsReplacedOnceEvenUnderParallelGuesses() throws Exception {
        String email = register();
        for (int i = 0; i < 5; i++) {
            login(email, WRONG, ATTACKER);
        }
        assertThat(login(email, WRONG, ATTACKER).status()).isEqualTo(429);

        clock.advance(IdentityService.ATTEMPT_WINDOW); // the item is still there (the TTL deletes late), its window is over
        List<Outcome> outcomes = parallel(20, () -> login(email, WRONG, ATTACKER));

        assertThat(hasher.verifications.get()).isEqualTo(10);
        assertThat(outcomes).filteredOn(o -> o.status() == 401).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o.status() == 429).hasSize(15);
        Map<String, AttributeValue> item = windowItem(email);
        assertThat(item.get("attempts").n()).isEqualTo("5");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(clock.instant().plus(IdentityService.ATTEMPT_WINDOW).getEpochSecond()));
    }

    @Test
    void unknownEmailsAreCountedAndCheckedLikeKnownOnes() {
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(login(unknown, WRONG, ATTACKER).status());
        }

        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
        assertThat(hasher.verifications.get()).as("the decoy hash is checked as often as a real one would be").isEqualTo(5);
    }

    @Test
    void addressesOfOneIpv6Slash64CountAsOneNetwork() {
        String email = register();
        for (int i = 1; i <= 5; i++) {
            assertThat(login(email, WRONG, "2001:db8:1:2::" + i).status()).isEqualTo(401);
        }

        assertThat(login(email, PASSWORD, "2001:db8:1:2:ffff:ffff:ffff:9").status()).isEqualTo(429);
        assertThat(login(email, PASSWORD, "2001:db8:1:3::1").status()).isEqualTo(200);
        assertThat(IdentityService.clientNetwork("2001:DB8:1:2:0:0:0:1")).isEqualTo(IdentityService.clientNetwork("2001:db8:1:2::77"))
                .isEqualTo("20010db800010002::/64");
        assertThat(IdentityService.clientNetwork("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(IdentityService.clientNetwork("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(IdentityService.clientNetwork(null)).isEqualTo("unknown");
        assertThat(IdentityService.clientNetwork("evil.example.com")).as("never resolved").isEqualTo("unknown");
        assertThat(IdentityService.clientNetwork("1:2:3")).isEqualTo("unknown");
    }

    @Test
    void theWindowHoldsNoRawAddressEndsWithItsTtlAndIsExported() {
        String email = register();
        login(email, WRONG, ATTACKER);
        login(email, WRONG, "2001:db8:7::1");
        login(email, PASSWORD, OWNER);

        Map<String, AttributeValue> item = windowItem(email);
        String userId = store.userIdByEmail(email).orElseThrow();
        IdentityService.PersonalDataExport export = service.export(new Caller(userId, "Ann", Set.of(Caller.LEARNER), "jti", 1));

        assertThat(item.toString()).doesNotContain(ATTACKER).doesNotContain(OWNER).doesNotContain("2001:db8").doesNotContain(email);
        assertThat(item).containsKey("client_" + IdentityService.sha256(ATTACKER))
                .doesNotContainKey("client_" + IdentityService.sha256(OWNER));
        assertThat(item.get("type").s()).isEqualTo("loginFailures");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(clock.instant().plus(IdentityService.ATTEMPT_WINDOW).getEpochSecond()));
        assertThat(export.signInWindow()).isEqualTo(new IdentityService.SignInWindow(
                Instant.ofEpochSecond(clock.instant().plus(IdentityService.ATTEMPT_WINDOW).getEpochSecond()), 2, 2));
        clock.advance(IdentityService.ATTEMPT_WINDOW);
        assertThat(service.export(new Caller(userId, "Ann", Set.of(Caller.LEARNER), "jti", 1)).signInWindow()).isNull();
    }

    @Test
    void aWindowOfTheFormerFailureListLayoutIsCountedFromNowOn() {
        String email = register();
        Map<String, AttributeValue> former = new java.util.HashMap<>(windowKey(email));
        former.put("type", AttributeValue.fromS("loginFailures"));
        former.put("failures", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromN("2"),
                AttributeValue.fromN("3"), AttributeValue.fromN("4"), AttributeValue.fromN("5"))));
        former.put("expiresAt", AttributeValue.fromN(Long.toString(clock.instant().plusSeconds(600).getEpochSecond())));
        emulators.dynamoDb().putItem(b -> b.tableName(config.tableName()).item(former));

        assertThat(login(email, WRONG, ATTACKER)).isEqualTo(new Outcome(401, null));
        assertThat(windowItem(email).get("attempts").n()).isEqualTo("1");
    }

    // --- helpers ----------------------------------------------------------------------------

    private String register() {
        String email = "throttle-" + UUID.randomUUID() + "@example.com";
        service.register(new IdentityRequests.Register(email, PASSWORD, "Ann"));
        return email;
    }

    private Outcome login(String email, String password, String sourceIp) {
        try {
            service.login(new IdentityRequests.Login(email, password), sourceIp);
            return new Outcome(200, null);
        } catch (ProblemException e) {
            return new Outcome(e.problem().status(), e.headers().get("Retry-After"));
        }
    }

    private static List<Outcome> parallel(int n, Callable<Outcome> attempt) throws Exception {
        List<Callable<Outcome>> attempts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attempts.add(attempt);
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (Future<Outcome> f : pool.invokeAll(attempts)) {
                outcomes.add(f.get());
            }
        }
        return outcomes;
    }

    private static Map<String, AttributeValue> windowKey(String email) {
        return Map.of("PK", AttributeValue.fromS("LOGINFAIL#" + IdentityService.sha256(EmailAddress.normalize(email))),
                "SK", AttributeValue.fromS("WINDOW"));
    }

    private static Map<String, AttributeValue> windowItem(String email) {
        return emulators.dynamoDb().getItem(b -> b.tableName(config.tableName()).key(windowKey(email)).consistentRead(true)).item();
    }

    /** Argon2 with small parameters (the count matters here, not the cost), counting every verification. */
    static final class CountingHasher extends PasswordHasher {
        final AtomicInteger verifications = new AtomicInteger();

        CountingHasher() {
            super(new Parameters(1024, 1, 1));
        }

        @Override
        public boolean verify(String password, String stored) {
            verifications.incrementAndGet();
            return super.verify(password, stored);
        }
    }
}
