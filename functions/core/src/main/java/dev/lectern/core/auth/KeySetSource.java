package dev.lectern.core.auth;

import dev.lectern.core.config.LecternConfig;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The key set, read at first use, again every five minutes, and again when a token names a
 * {@code kid} we do not know (a rotation happened since), at most once a minute so that garbage
 * {@code kid}s cannot make us hammer Secrets Manager.
 */
@Singleton
public class KeySetSource {

    private static final Logger LOG = LoggerFactory.getLogger(KeySetSource.class);
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Supplier<String> reader;
    private final Clock clock;
    private final AuthConfig config;
    private volatile KeySet keys;
    private volatile Instant loadedAt;

    public KeySetSource(LecternConfig lectern, Clock clock, Provider<SecretsManagerClient> secrets) {
        this.config = AuthConfig.from(name -> LecternConfig.setting(name).orElse(null), lectern.stage());
        this.clock = clock;
        this.reader = reader(config, secrets);
    }

    public AuthConfig config() {
        return config;
    }

    /**
     * The set, read again once it is older than {@link #MAX_AGE}: a SnapStart snapshot holds the
     * set it was primed with, and every instance restored from it must still learn of rotations
     * and of a key withdrawn after a leak. If the read fails, the set in hand is kept.
     */
    public KeySet current() {
        if (keys == null) {
            reload();
        } else if (loadedAt.plus(MAX_AGE).isBefore(clock.instant())) {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("key set not reloaded, keeping the one from {}: {}", loadedAt, e.toString());
            }
        }
        return keys;
    }

    /** The public key of {@code kid}, reloading the set once if it is not known yet. */
    public Optional<ECPublicKey> publicKey(String kid) {
        Optional<ECPublicKey> key = current().publicKey(kid);
        if (key.isEmpty() && loadedAt.plus(MIN_RELOAD_INTERVAL).isBefore(clock.instant())) {
            reload();
            key = keys.publicKey(kid);
        }
        return key;
    }

    private synchronized void reload() {
        keys = KeySet.fromJson(reader.get());
        loadedAt = clock.instant();
    }

    private static Supplier<String> reader(AuthConfig config, Provider<SecretsManagerClient> secrets) {
        if (config.keysSecretArn().isPresent()) {
            String arn = config.keysSecretArn().get();
            return () -> secrets.get().getSecretValue(b -> b.secretId(arn)).secretString();
        }
        if (config.keysFile().isPresent()) {
            Path file = Path.of(config.keysFile().get());
            return () -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the JWT key set " + file, e);
                }
            };
        }
        return () -> {
            throw new IllegalStateException("no JWT key set: set " + LecternConfig.SIGNING_KEYS_SECRET + ", "
                    + LecternConfig.VERIFICATION_KEYS_SECRET + " or " + AuthConfig.KEYS_FILE);
        };
    }
}
