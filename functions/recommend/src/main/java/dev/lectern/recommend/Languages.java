package dev.lectern.recommend;

import java.util.Locale;

/** Matching a learner's language with a course's: the same tag, or the same primary language ({@code zh} and {@code zh-Hans}). */
final class Languages {

    private Languages() {
    }

    static boolean matches(String courseLanguage, String wanted) {
        return primary(courseLanguage).equals(primary(wanted));
    }

    /**
     * The learner's language from {@code Accept-Language} (its first tag, weights ignored: browsers
     * send the preferred one first), or null.
     */
    static String fromAcceptLanguage(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].split(";", 2)[0].trim();
        return first.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*") ? first : null;
    }

    private static String primary(String tag) {
        return tag.split("-", 2)[0].toLowerCase(Locale.ROOT);
    }
}
