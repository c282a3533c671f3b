package dev.resolvechain.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Lines and words cut by hand are those the regular expressions they replace cut. */
class TokensPropertiesTest {
    @Property(tries = 2000)
    void linesAreThoseOfSplittingAtCrLfOrLf(@ForAll @Chars({' ', '\t', '\r', '\n', 'a', '#', '\f'}) @StringLength(max = 40) String text) {
        assertEquals(Arrays.asList(text.split("\r?\n", -1)), Tokens.lines(text));
    }

    @Property(tries = 2000)
    void wordsAreThoseOfSplittingTheTrimmedTextAtBlanks(@ForAll @Chars({' ', '\t', '\r', 'a', 'b', '\f', '\u000b'}) @StringLength(max = 40) String text) {
        List<String> expected = Arrays.stream(text.trim().split("[ \t]+")).filter(word -> !word.isEmpty()).toList();
        assertEquals(expected, Tokens.words(text));
    }
}
