package dev.lectern.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Emails are unique case-insensitively and after trimming: {@code " Ann@Example.COM "} is {@code ann@example.com}. */
public final class EmailAddress {

    /** Deliberately loose: one @, something on each side, a dot in the domain, no spaces. Confirmation mails do the rest. */
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private EmailAddress() {
    }

    public static String normalize(String email) {
        return Normalizer.normalize(email.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String email) {
        return email != null && email.length() <= 254 && SHAPE.matcher(email.trim()).matches();
    }
}
