package dev.lectern.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.routes.Auth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation and role rules, with the key set in a file and a clock the test moves. */
class TokenVerifierTest {

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));

    private TokenVerifier verifierFor(Path keysFile) {
        LecternConfig lectern = LecternConfig.from(Map.of(LecternConfig.STAGE, "test")::get);
        System.setProperty(AuthConfig.KEYS_FILE, keysFile.toString());
        try {
            return new TokenVerifier(new KeySetSource(lectern, clock, () -> null), clock);
        } finally {
            System.clearProperty(AuthConfig.KEYS_FILE);
        }
    }

    private String token(KeySet keys, List<String> roles) {
        KeySet.Key key = keys.active(clock.instant());
        return JWT.create().withKeyId(key.kid()).withIssuer("https://lectern.dev/test").withAudience(AuthConfig.AUDIENCE)
                .withSubject("user-1").withJWTId("t").withIssuedAt(Date.from(clock.instant()))
                .withExpiresAt(Date.from(clock.instant().plus(Duration.ofMinutes(15)))).withClaim("roles", roles)
                .sign(Algorithm.ECDSA256(key.publicKey(), key.privateKey()));
    }

    @Test
    void aKeyWithdrawnAfterTheSnapshotStopsVerifyingWithinFiveMinutes() throws Exception {
        Path file = dir.resolve("keys.json");
        KeySet leaked = KeySet.generate(clock);
        Files.writeString(file, leaked.toJson());
        TokenVerifier verifier = verifierFor(file);
        verifier.prime();
        String token = token(leaked, List.of("learner"));
        assertThat(verifier.verify(Optional.of("Bearer " + token)).userId()).isEqualTo("user-1");

        // the leaked key is replaced; instances restored from a snapshot primed before still hold it
        KeySet replacement = KeySet.generate(clock);
        Files.writeString(file, replacement.toJson());
        clock.advance(Duration.ofMinutes(4));
        assertThat(verifier.verify(Optional.of("Bearer " + token)).userId()).as("within five minutes the set in hand is used").isEqualTo("user-1");

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> verifier.verify(Optional.of("Bearer " + token))).isInstanceOf(ProblemException.class);
    }

    @Test
    void aSetThatCannotBeReadAgainIsKeptRatherThanLockingEveryoneOut() throws Exception {
        Path file = dir.resolve("keys.json");
        KeySet keys = KeySet.generate(clock);
        Files.writeString(file, keys.toJson());
        TokenVerifier verifier = verifierFor(file);
        String token = token(keys, List.of("learner"));
        assertThat(verifier.verify(Optional.of("Bearer " + token)).userId()).isEqualTo("user-1");

        Files.delete(file);
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(Optional.of("Bearer " + token)).userId()).isEqualTo("user-1");
    }

    @Test
    void aRotationIsPublishedBeforeItSignsAndNobodyIsLoggedOut() throws Exception {
        Path file = dir.resolve("keys.json");
        KeySet first = KeySet.generate(clock);
        Files.writeString(file, first.toJson());
        TokenVerifier verifier = verifierFor(file);
        String oldToken = token(first, List.of("learner"));
        assertThat(verifier.verify(Optional.of("Bearer " + oldToken)).userId()).isEqualTo("user-1");

        clock.advance(Duration.ofMinutes(2));
        KeySet rotated = first.rotate(clock);
        Files.writeString(file, rotated.toJson());
        assertThat(rotated.active(clock.instant()).kid()).as("the new key does not sign yet").isEqualTo(first.active(clock.instant()).kid());

        clock.advance(KeySet.ACTIVATION_DELAY);
        String newToken = token(rotated, List.of("learner"));
        assertThat(JWT.decode(newToken).getKeyId()).isNotEqualTo(JWT.decode(oldToken).getKeyId());
        assertThat(verifier.verify(Optional.of("Bearer " + newToken)).userId()).as("a warm verifier reloads on the new kid").isEqualTo("user-1");

        clock.advance(Duration.ofMinutes(1));
        KeySet retired = rotated.retire(clock, Duration.ofMinutes(15));
        assertThat(retired.keys()).as("the old key verifies until its last token expired").hasSize(2);
        clock.advance(Duration.ofMinutes(15));
        assertThat(rotated.retire(clock, Duration.ofMinutes(15)).keys()).hasSize(1);
    }

    @Test
    void theVerificationSetHasNoPrivateKeys() {
        KeySet keys = KeySet.generate(clock).rotate(clock);

        assertThat(KeySet.fromJson(keys.publicOnly().toJson()).keys()).allSatisfy(k -> assertThat(k.privateKey()).isNull());
        assertThat(keys.publicOnly().toJson()).doesNotContain("privateKey");
    }

    @Test
    void rolesRule() {
        Caller learner = new Caller("u", "U", Set.of("learner"), "t", 1);
        Caller admin = new Caller("a", "A", Set.of("learner", "admin"), "t", 1);

        TokenVerifier.requireRole(Auth.USER, learner);
        TokenVerifier.requireRole(Auth.CREATOR, admin);
        assertThatThrownBy(() -> TokenVerifier.requireRole(Auth.CREATOR, learner))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
        assertThatThrownBy(() -> TokenVerifier.requireRole(Auth.ADMIN, learner)).isInstanceOf(ProblemException.class);
    }
}
