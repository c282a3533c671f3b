package dev.resolvechain;

import java.util.Locale;

/** Host names as the chain compares them: lower case, no trailing dot, within DNS's limits. */
public final class Names {
    /** The longest name DNS can carry, written without the trailing dot. */
    public static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private Names() {
    }

    /** {@code name} in lower case, without its trailing dot. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** {@code text} trimmed, in lower case, without leading and trailing dots; empty when nothing else is left. */
    public static String bareDomain(String text) {
        String d = text.trim().toLowerCase(Locale.ROOT);
        int start = 0;
        int end = d.length();
        while (start < end && d.charAt(start) == '.') {
            start++;
        }
        while (end > start && d.charAt(end - 1) == '.') {
            end--;
        }
        return d.substring(start, end);
    }

    /** Why {@code name} cannot be a host name (letters, digits, '-', '_'; labels of 1 to 63; 253 in all), or null if it can. */
    public static String problem(String name) {
        int end = name.endsWith(".") ? name.length() - 1 : name.length();
        if (end > MAX_NAME_LENGTH) {
            String n = name.substring(0, end);
            return "name '" + abbreviate(n) + "' is " + n.length() + " characters, longer than DNS allows (" + MAX_NAME_LENGTH + ")";
        }
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            char c = i == end ? '.' : name.charAt(i);
            if (c == '.') {
                if (i == labelStart) {
                    return "name '" + name.substring(0, end) + "' has an empty label";
                }
                if (i - labelStart > MAX_LABEL_LENGTH) {
                    return "name '" + abbreviate(name.substring(0, end)) + "' has a label longer than " + MAX_LABEL_LENGTH + " characters";
                }
                labelStart = i + 1;
            } else if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return "name '" + name.substring(0, end) + "' has the character '" + c + "', not allowed in a host name";
            }
        }
        return null;
    }

    private static String abbreviate(String name) {
        return name.length() <= 40 ? name : name.substring(0, 37) + "...";
    }
}
