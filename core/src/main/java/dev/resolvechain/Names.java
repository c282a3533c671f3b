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

    /**
     * Why {@code name} cannot be asked of DNS at all (a trailing dot, which makes it absolute, is
     * allowed): an empty label, a label over 63 octets, or more than 253 in all; null if it can be.
     */
    public static String structureProblem(String name) {
        int end = name.endsWith(".") ? name.length() - 1 : name.length();
        if (end > MAX_NAME_LENGTH) {
            String n = name.substring(0, end);
            return "name " + Quoted.of(n) + " is " + n.length() + " characters, longer than DNS allows (" + MAX_NAME_LENGTH + ")";
        }
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || name.charAt(i) == '.') {
                if (i == labelStart) {
                    return "name " + Quoted.of(name) + " has an empty label";
                }
                if (i - labelStart > MAX_LABEL_LENGTH) {
                    return "name " + Quoted.of(name.substring(0, end)) + " has a label longer than " + MAX_LABEL_LENGTH + " characters";
                }
                labelStart = i + 1;
            }
        }
        return null;
    }

    /** Why {@code name} cannot be a host name (as {@link #structureProblem}, and letters, digits, '-', '_' only), or null if it can. */
    public static String problem(String name) {
        String structure = structureProblem(name);
        if (structure != null) {
            return structure;
        }
        int end = name.endsWith(".") ? name.length() - 1 : name.length();
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c != '.' && !(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return "name " + Quoted.of(name.substring(0, end)) + " has the character " + Quoted.of(String.valueOf(c)) + ", not allowed in a host name";
            }
        }
        return null;
    }

    /** Whether {@code name} is {@code domain} or a name under it (both normalized); {@code *} is every name. */
    public static boolean isUnder(String name, String domain) {
        if (domain.equals("*")) {
            return true;
        }
        return name.length() == domain.length() ? name.equalsIgnoreCase(domain)
                : name.length() > domain.length() && name.charAt(name.length() - domain.length() - 1) == '.'
                && name.regionMatches(true, name.length() - domain.length(), domain, 0, domain.length());
    }
}
