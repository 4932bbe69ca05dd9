package dev.lectern.identity;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lectern.core.auth.AuthConfig;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.auth.KeySet;
import dev.lectern.core.auth.KeySetSource;
import dev.lectern.core.ids.Ids;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Access tokens (ES256 JWTs of 15 minutes, signed by the active key) and opaque refresh tokens. */
@Singleton
public class TokenIssuer {

    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeySetSource keys;
    private final Clock clock;

    public TokenIssuer(KeySetSource keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param accountVersion the account's version when the token is issued ({@code ver}): a token
     *                       older than the account's last role change by an administrator may not
     *                       write ({@code AccountStatus})
     */
    public String accessToken(String userId, String displayName, Set<String> roles, long accountVersion) {
        Instant now = clock.instant();
        KeySet.Key key = keys.current().active(now);
        if (key.privateKey() == null) {
            throw new IllegalStateException("this function's key set has no private key: it may verify, not sign");
        }
        return JWT.create()
                .withKeyId(key.kid())
                .withIssuer(keys.config().issuer())
                .withAudience(AuthConfig.AUDIENCE)
                .withSubject(userId)
                .withIssuedAt(Date.from(now))
                .withNotBefore(Date.from(now))
                .withExpiresAt(Date.from(now.plus(ACCESS_TOKEN_LIFETIME)))
                .withJWTId(Ids.newId())
                .withClaim("name", displayName)
                .withClaim("roles", List.copyOf(new TreeSet<>(roles)))
                .withClaim(Caller.ACCOUNT_VERSION_CLAIM, accountVersion)
                .sign(Algorithm.ECDSA256(key.publicKey(), key.privateKey()));
    }

    /** 256 random bits, base64url: stored only as its SHA-256. */
    public static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
