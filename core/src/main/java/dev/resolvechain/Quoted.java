package dev.resolvechain;

/**
 * Text from outside (a file's line, a name an application asked for) quoted for a message: at most
 * {@link #MAX_LENGTH} characters, and every control character escaped, so that no file or caller
 * can write to a log or a terminal what it likes.
 */
public final class Quoted {
    public static final int MAX_LENGTH = 40;

    private Quoted() {
    }

    /** {@code 'web.test'}, {@code 'a\u001b[31mb'}, {@code 'aaaaaaaaaa...'}. */
    public static String of(String text) {
        return of(text, MAX_LENGTH);
    }

    /** As {@link #of(String)}, showing up to {@code maxLength} characters (a server's error message). */
    public static String of(String text, int maxLength) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), maxLength) + 5).append('\'');
        int shown = Math.min(text.length(), maxLength);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\'' || c == '\\') {
                quoted.append("\\u").append(String.format("%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append(text.length() > shown ? "...'" : "'").toString();
    }
}
