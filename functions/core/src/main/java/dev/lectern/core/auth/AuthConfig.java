package dev.lectern.core.auth;

import dev.lectern.core.config.LecternConfig;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the JWT key set comes from and what tokens must say. In AWS the key set is a Secrets
 * Manager secret: the signing one (with private keys) for functions that sign, the verification
 * one (public keys only) for the others; locally a file the local platform generates once in its
 * data dir ({@code LECTERN_JWT_KEYS_FILE}).
 */
public record AuthConfig(String issuer, Optional<String> keysSecretArn, Optional<String> keysFile) {

    public static final String ISSUER = "LECTERN_JWT_ISSUER";
    public static final String KEYS_FILE = "LECTERN_JWT_KEYS_FILE";
    /** Every access token is for this API and nothing else. */
    public static final String AUDIENCE = "lectern-api";

    public static AuthConfig from(UnaryOperator<String> lookup, String stage) {
        String issuer = lookup.apply(ISSUER);
        String signing = lookup.apply(LecternConfig.SIGNING_KEYS_SECRET);
        String secret = signing != null && !signing.isBlank() ? signing : lookup.apply(LecternConfig.VERIFICATION_KEYS_SECRET);
        return new AuthConfig(issuer == null || issuer.isBlank() ? "https://lectern.dev/" + stage : issuer,
                Optional.ofNullable(secret).filter(s -> !s.isBlank()),
                Optional.ofNullable(lookup.apply(KEYS_FILE)).filter(s -> !s.isBlank()));
    }
}
