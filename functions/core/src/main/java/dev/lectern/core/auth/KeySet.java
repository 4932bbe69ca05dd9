package dev.lectern.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.Json;
import dev.lectern.core.ids.Ids;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The token signing keys: P-256 (ES256) key pairs, each with a {@code kid}. Rotation is
 * {@link #rotate}: a new key is published at once but signs only after {@link #ACTIVATION_DELAY},
 * so every warm verifier has had the chance to reload the set before it meets a token of the new
 * key (publish before use); older keys keep verifying, nobody is logged out. {@link #retire}
 * drops keys whose last token has expired. Serialised as JSON (the Secrets Manager secret or the
 * local file).
 */
public record KeySet(List<Key> keys) {

    /** One key pair; {@code privateKey} is absent where only verification is needed. */
    public record Key(String kid, Instant createdAt, ECPublicKey publicKey, ECPrivateKey privateKey) {
        @Override
        public String toString() {
            return "Key[" + kid + ", " + createdAt + "]";
        }
    }

    /** Longer than a verifier's reload interval (KeySetSource): a new key is known everywhere before it signs. */
    public static final Duration ACTIVATION_DELAY = Duration.ofMinutes(10);

    public KeySet {
        keys = keys.stream().sorted(Comparator.comparing(Key::createdAt).reversed()).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key set needs at least one key");
        }
    }

    public static KeySet generate(Clock clock) {
        return new KeySet(List.of(newKey(clock)));
    }

    /** The key that signs at {@code now}: the newest one published at least ACTIVATION_DELAY ago, else the oldest. */
    public Key active(Instant now) {
        return keys.stream().filter(k -> !k.createdAt().plus(ACTIVATION_DELAY).isAfter(now)).findFirst()
                .orElse(keys.getLast());
    }

    public Optional<ECPublicKey> publicKey(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).map(Key::publicKey).findFirst();
    }

    /** A new signing key in front; the others keep verifying. */
    public KeySet rotate(Clock clock) {
        List<Key> all = new ArrayList<>(keys);
        all.add(newKey(clock));
        return new KeySet(all);
    }

    /** Drops keys that stopped signing more than {@code tokenLifetime} ago: no valid token needs them. */
    public KeySet retire(Clock clock, Duration tokenLifetime) {
        Instant now = clock.instant();
        Key signing = active(now);
        List<Key> kept = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            boolean newerThanSigning = key.createdAt().isAfter(signing.createdAt());
            Instant stoppedSigning = i == 0 ? null : keys.get(i - 1).createdAt().plus(ACTIVATION_DELAY);
            if (key == signing || newerThanSigning || stoppedSigning == null || stoppedSigning.plus(tokenLifetime).isAfter(now)) {
                kept.add(key);
            }
        }
        return new KeySet(kept);
    }

    /** The same set without private keys: what verifying functions get. */
    public KeySet publicOnly() {
        return new KeySet(keys.stream().map(k -> new Key(k.kid(), k.createdAt(), k.publicKey(), null)).toList());
    }

    /** One public key as RFC 7517 writes it. */
    public record Jwk(String kty, String crv, String use, String alg, String kid, String x, String y) {
    }

    public record Jwks(List<Jwk> keys) {
    }

    /** The public JWK Set ({@code /.well-known/jwks.json}): no private parts. */
    public Jwks toJwks() {
        return new Jwks(keys.stream().map(key -> {
            var point = key.publicKey().getW();
            return new Jwk("EC", "P-256", "sig", "ES256", key.kid(), base64Url(point.getAffineX()), base64Url(point.getAffineY()));
        }).toList());
    }

    public String toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode array = root.putArray("keys");
        for (Key key : keys) {
            ObjectNode node = array.addObject().put("kid", key.kid()).put("createdAt", key.createdAt().toString())
                    .put("publicKey", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
            if (key.privateKey() != null) {
                node.put("privateKey", Base64.getEncoder().encodeToString(key.privateKey().getEncoded()));
            }
        }
        return root.toString();
    }

    public static KeySet fromJson(String json) {
        try {
            JsonNode root = Json.mapper().readTree(json);
            KeyFactory ec = KeyFactory.getInstance("EC");
            List<Key> keys = new ArrayList<>();
            for (JsonNode node : root.path("keys")) {
                ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(node.get("publicKey").asText())));
                ECPrivateKey privateKey = node.hasNonNull("privateKey") ? (ECPrivateKey) ec.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(node.get("privateKey").asText()))) : null;
                keys.add(new Key(node.get("kid").asText(), Instant.parse(node.get("createdAt").asText()), publicKey, privateKey));
            }
            return new KeySet(keys);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the JWT key set is not readable: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Key newKey(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new Key(Ids.newId(), clock.instant(), (ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }

    /** Unsigned big-endian, exactly 32 bytes for P-256, base64url without padding (RFC 7518). */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Override
    public String toString() {
        return "KeySet" + Arrays.toString(keys.stream().map(Key::kid).toArray());
    }
}
