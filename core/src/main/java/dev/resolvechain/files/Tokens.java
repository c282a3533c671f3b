package dev.resolvechain.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Text cut into lines and words by hand, not by regular expressions: configuration files are read as
 * the chain is built at JVM start, where loading {@code java.util.regex} costs milliseconds.
 */
public final class Tokens {
    private Tokens() {
    }

    /** The lines of {@code text}, ended by {@code \n} or {@code \r\n}; the last one even when empty, as {@code split("\r?\n", -1)}. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (int start = 0; ; ) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(text.substring(start, end));
            if (newline < 0) {
                return lines;
            }
            start = newline + 1;
        }
    }

    /** {@code text} trimmed, cut at runs of spaces and tabs. */
    public static List<String> words(String text) {
        String trimmed = text.trim();
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= trimmed.length(); i++) {
            if (i == trimmed.length() || trimmed.charAt(i) == ' ' || trimmed.charAt(i) == '\t') {
                if (start >= 0) {
                    words.add(trimmed.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return words;
    }
}
