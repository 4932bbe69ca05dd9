package dev.lectern.core.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Auth;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies access tokens before a protected route's logic runs. Only ES256 is accepted (so
 * {@code alg: none} and an HS256 token "signed" with our public key fail the algorithm check),
 * the {@code kid} must name a key of our set (checked explicitly: a key provider that returns
 * nothing is not a rejection we rely on), and {@code iss}, {@code aud}, {@code exp},
 * {@code iat}/{@code nbf}, {@code sub} must be right. Every rejection is the same 401 for the
 * client; the reason goes to the log.
 */
@Singleton
public class TokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    public static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"");

    private final KeySetSource keys;
    private final JWTVerifier verifier;

    public TokenVerifier(KeySetSource keys, Clock clock) {
        this.keys = keys;
        Algorithm es256 = Algorithm.ECDSA256(new ECDSAKeyProvider() {
            @Override
            public ECPublicKey getPublicKeyById(String kid) {
                return keys.publicKey(kid).orElse(null);
            }

            @Override
            public ECPrivateKey getPrivateKey() {
                return null;
            }

            @Override
            public String getPrivateKeyId() {
                return null;
            }
        });
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(es256)
                .withIssuer(keys.config().issuer())
                .withAudience(AuthConfig.AUDIENCE)
                .withClaimPresence("sub")
                .withClaimPresence("exp")
                .withClaimPresence("jti")
                .acceptLeeway(5))
                .build(clock);
    }

    /** The caller, or 401 problem+json with {@code WWW-Authenticate}. */
    public Caller verify(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> reject("no Authorization header", "Send Authorization: Bearer <access token>"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw reject("not a bearer token", "Send Authorization: Bearer <access token>");
        }
        String token = header.substring(7).trim();
        try {
            DecodedJWT decoded = JWT.decode(token);
            if (decoded.getKeyId() == null || keys.publicKey(decoded.getKeyId()).isEmpty()) {
                throw reject("unknown kid " + decoded.getKeyId(), "The access token is not valid");
            }
            DecodedJWT verified = verifier.verify(decoded);
            List<String> roles = verified.getClaim("roles").asList(String.class);
            return new Caller(verified.getSubject(), verified.getClaim("name").asString(), roles == null ? Set.of() : new HashSet<>(roles),
                    verified.getId(), verified.getClaim(Caller.ACCOUNT_VERSION_CLAIM).isMissing() ? 0
                            : verified.getClaim(Caller.ACCOUNT_VERSION_CLAIM).asLong());
        } catch (JWTVerificationException e) {
            throw reject(e.getClass().getSimpleName() + ": " + e.getMessage(), "The access token is not valid");
        }
    }

    /**
     * For SnapStart priming: loads the key set and runs the whole verification once, ES256 included,
     * on a token with our current {@code kid} whose signature no key made. It is refused, as it must be.
     */
    public void prime() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String kid = keys.current().keys().getFirst().kid();
        String header = base64.encodeToString(("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString("{\"sub\":\"priming\",\"jti\":\"priming\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
        try {
            verify(Optional.of("Bearer " + header + "." + claims + "." + base64.encodeToString(new byte[64])));
            throw new IllegalStateException("a token signed by no key was accepted");
        } catch (ProblemException refused) {
            // expected: verification ran to the signature check and refused it
        }
    }

    /** 403 unless the caller holds what the route's rule asks; admins may do what creators may. */
    public static void requireRole(Auth rule, Caller caller) {
        boolean allowed = switch (rule) {
            case PUBLIC, OPTIONAL_USER, USER -> true;
            case CREATOR -> caller.isCreator() || caller.isAdmin();
            case ADMIN -> caller.isAdmin();
        };
        if (!allowed) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This needs the " + rule.name().toLowerCase(Locale.ROOT) + " role");
        }
    }

    private static ProblemException reject(String reason, String detail) {
        LOG.info("access token rejected: {}", reason);
        return new ProblemException(ProblemType.UNAUTHORIZED.problem(detail), CHALLENGE);
    }
}
