package dev.lectern.identity;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (Bouncy Castle) with OWASP's minimum: 19 MiB memory, 2 iterations, 1 lane. Hashes are
 * stored in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so the
 * parameters travel with each hash and can be raised later: {@link #needsRehash} tells the login
 * to store a new hash.
 */
@Singleton
public class PasswordHasher {

    public record Parameters(int memoryKib, int iterations, int parallelism) {
    }

    public static final Parameters OWASP = new Parameters(19 * 1024, 2, 1);
    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final Parameters parameters;
    /** Verified when an account does not exist, so that a wrong email costs what a wrong password costs. */
    private final String decoy;

    public PasswordHasher() {
        this(OWASP);
    }

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
        this.decoy = hash("decoy password that matches nothing");
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, parameters);
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p=" + parameters.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Constant-time comparison; a null or unparsable stored hash verifies the decoy and fails. */
    public boolean verify(String password, String stored) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        if (m == null || !m.matches()) {
            verify(password, decoy);
            return false;
        }
        Parameters p = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        return MessageDigest.isEqual(expected, derive(password, salt, p));
    }

    /** Does the same work as a real verification, for accounts that do not exist. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    public boolean needsRehash(String stored) {
        Matcher m = PHC.matcher(stored);
        return !m.matches() || Integer.parseInt(m.group(1)) < parameters.memoryKib()
                || Integer.parseInt(m.group(2)) < parameters.iterations() || Integer.parseInt(m.group(3)) < parameters.parallelism();
    }

    private static byte[] derive(String password, byte[] salt, Parameters p) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
