package dev.lectern.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u200b\u200b", "\u2060", " \u3000 ", "\u2800", "\u034f\u034f", "\ufe0f", "\u17b5", "\u3164",
            "\u115f\u1160", "\u0301", "\u180e", "\udb40\udc20", "\u00ad"})
    void namesOfInvisibleCharactersShowNothing(String value) {
        assertThat(Text.hasVisibleCharacters(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "机器学习", "\u00e9", "7", "!", "\u20ac", "\ud83d\ude00", "\u200bx"})
    void namesWithSomethingToSeeShowIt(String value) {
        assertThat(Text.hasVisibleCharacters(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000", "\u001b[31m", "\u0085", "\u007f", "\ud800", "x\udc00"})
    void controlCharactersAndLoneSurrogatesAreRefused(String value) {
        assertThat(Text.hasForbiddenControls(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202edcba", "a\u2066b", "\u200f", "\u061c"})
    void bidiControlsAreFound(String value) {
        assertThat(Text.hasBidiControls(value)).isTrue();
    }
}
