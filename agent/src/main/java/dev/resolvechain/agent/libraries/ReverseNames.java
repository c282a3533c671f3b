package dev.resolvechain.agent.libraries;

import java.util.Locale;

/** The address a reverse name ({@code 4.3.2.1.in-addr.arpa.}, nibbles under {@code ip6.arpa.}) stands for. */
final class ReverseNames {
    private static final String IPV4 = ".in-addr.arpa";
    private static final String IPV6 = ".ip6.arpa";

    private ReverseNames() {
    }

    /** The 4 or 16 bytes of {@code name}, or null when it is no complete reverse name. */
    static byte[] address(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        lower = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (lower.endsWith(IPV4)) {
            String[] labels = lower.substring(0, lower.length() - IPV4.length()).split("\\.", -1);
            if (labels.length != 4) {
                return null;
            }
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = octet(labels[3 - i]);
                if (octet < 0) {
                    return null;
                }
                address[i] = (byte) octet;
            }
            return address;
        }
        if (lower.endsWith(IPV6)) {
            String[] nibbles = lower.substring(0, lower.length() - IPV6.length()).split("\\.", -1);
            if (nibbles.length != 32) {
                return null;
            }
            byte[] address = new byte[16];
            for (int i = 0; i < 32; i++) {
                int nibble = nibbles[31 - i].length() == 1 ? Character.digit(nibbles[31 - i].charAt(0), 16) : -1;
                if (nibble < 0) {
                    return null;
                }
                address[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
            }
            return address;
        }
        return null;
    }

    private static int octet(String label) {
        if (label.isEmpty() || label.length() > 3 || !label.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(label);
        return value <= 255 ? value : -1;
    }
}
