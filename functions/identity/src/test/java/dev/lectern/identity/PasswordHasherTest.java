package dev.lectern.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void storesArgon2idWithItsParametersAndASaltPerHash() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("correct horse battery", first)).isTrue();
        assertThat(hasher.verify("correct horse batterY", first)).isFalse();
    }

    @Test
    void aHashWithWeakerParametersStillVerifiesAndAsksForARehash() {
        String weak = new PasswordHasher(new PasswordHasher.Parameters(8 * 1024, 1, 1)).hash("old password 123");

        assertThat(hasher.verify("old password 123", weak)).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("old password 123"))).isFalse();
    }

    @Test
    void garbageInTheStoreNeverVerifies() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "$2a$10$notargon")).isFalse();
    }

    @Test
    void emailsAreNormalisedForUniqueness() {
        assertThat(EmailAddress.normalize("  Ann@Example.COM ")).isEqualTo("ann@example.com");
        assertThat(EmailAddress.isValid("ann@example.com")).isTrue();
        assertThat(EmailAddress.isValid("ann@example")).isFalse();
        assertThat(EmailAddress.isValid("a b@example.com")).isFalse();
    }
}
