package dev.lectern.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every field error of a request before answering, so a client fixes them all at once;
 * a field is named once, with the first rule it breaks.
 * <pre>{@code
 * new Validator()
 *     .required("email", body.email())
 *     .length("password", body.password(), 10, 128)
 *     .throwIfInvalid();
 * }</pre>
 */
public final class Validator {

    private final List<FieldError> errors = new ArrayList<>();

    private void add(String field, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new FieldError(field, message));
        }
    }

    public Validator required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "is required");
        }
        return this;
    }

    /** Length in code points, checked only when present (pair with {@link #required}). */
    public Validator length(String field, String value, int min, int max) {
        if (value != null) {
            int length = value.codePointCount(0, value.length());
            if (length < min || length > max) {
                add(field, "must be between " + min + " and " + max + " characters long");
            }
        }
        return this;
    }

    /**
     * A name or title, checked only when present: {@code min}..{@code max} code points, one line,
     * something visible (not only spaces or zero-width characters), and no bidirectional controls,
     * which can make one name display as another ({@link Text}).
     */
    public Validator name(String field, String value, int min, int max) {
        if (value == null) {
            return this;
        }
        if (Text.hasLineBreaks(value)) {
            add(field, "must be a single line");
        } else if (Text.hasBidiControls(value)) {
            add(field, "must not contain bidirectional control characters");
        } else if (min > 0 && !Text.hasVisibleCharacters(value)) {
            add(field, "must contain visible characters");
        } else {
            length(field, value, min, max);
        }
        return this;
    }

    public Validator range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max);
        }
        return this;
    }

    public Validator matches(String field, String value, Pattern pattern, String expectation) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(field, expectation);
        }
        return this;
    }

    /** A language tag, when given ({@link LanguageTags}). */
    public Validator languageTag(String field, String value) {
        if (value != null && !LanguageTags.isTag(value)) {
            add(field, LanguageTags.EXPECTATION);
        }
        return this;
    }

    /** A rule of the caller's own: adds {@code message} for {@code field} unless {@code ok}. */
    public Validator check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return this;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
