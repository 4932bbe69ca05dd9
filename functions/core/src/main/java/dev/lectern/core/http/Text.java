package dev.lectern.core.http;

import java.text.Normalizer;

/**
 * What text the API accepts. Every string of a request body is NFC-normalised (so "é" typed two
 * ways is one title) and may not hold control characters other than tab and line breaks; names
 * and titles are further single-line, free of bidirectional controls (which can make a display
 * name read as someone else's) and must show something besides invisible characters.
 */
public final class Text {

    private Text() {
    }

    public static String normalize(String value) {
        return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** C0 controls except tab, LF and CR; DEL; C1 controls; lone surrogates. */
    public static boolean hasForbiddenControls(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Embeddings, overrides, isolates and marks that reorder how text is displayed. */
    public static boolean hasBidiControls(String value) {
        return value.codePoints().anyMatch(cp -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C);
    }

    public static boolean hasLineBreaks(String value) {
        return value.codePoints().anyMatch(cp -> cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029);
    }

    /** Whether anything would be seen: not only spaces, zero-width and other format characters. */
    public static boolean hasVisibleCharacters(String value) {
        return value.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.CONTROL
                && cp != 0x3164 && cp != 0x115F && cp != 0x1160 && cp != 0xFFA0);
    }
}
