package dev.lectern.core.http;

import java.util.regex.Pattern;

/**
 * A course's or a learner's language as the API spells it: a language tag such as {@code en} or
 * {@code zh-Hans} (a primary language and at most one subtag). One rule for every context that
 * accepts one, in a body or a query string.
 */
public final class LanguageTags {

    /** The rule as a regex, for the OpenAPI document ({@code QueryParameter.matching}). */
    public static final String PATTERN = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})?";
    /** What a field error says of a value that breaks it. */
    public static final String EXPECTATION = "must be a language tag such as en or zh-Hans";
    private static final Pattern TAG = Pattern.compile(PATTERN);

    private LanguageTags() {
    }

    public static boolean isTag(String value) {
        return value != null && TAG.matcher(value).matches();
    }
}
