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

    /**
     * Whether anything would be seen: a letter, digit, punctuation mark or symbol that is not one
     * of the characters fonts draw as nothing (blank braille, Hangul fillers, the other default
     * ignorables). Spaces, format, control and combining characters alone show nothing.
     */
    public static boolean hasVisibleCharacters(String value) {
        return value.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL -> !drawnAsNothing(cp);
            default -> false;
        });
    }

    /** Default-ignorable or blank characters of the categories above (Unicode's DerivedCoreProperties and U+2800). */
    private static boolean drawnAsNothing(int cp) {
        return cp == 0x2800 || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
