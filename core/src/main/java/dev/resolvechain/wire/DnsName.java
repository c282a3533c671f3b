package dev.resolvechain.wire;

/**
 * A domain name as the chain asks for it and reads it in responses: its wire form (labels, each
 * after its length, then the root's 0). Two names are equal when their labels are, ignoring ASCII
 * case, as DNS compares names. Printed as dnsjava prints a name without its final dot: bytes outside
 * printable ASCII as {@code \DDD}, the characters {@code ".;\@$()} escaped with a backslash.
 */
public final class DnsName {
    static final int MAX_WIRE_LENGTH = 255;
    static final int MAX_LABEL_LENGTH = 63;
    public static final DnsName ROOT = new DnsName(new byte[] {0});

    private final byte[] wire;
    private final int hash;

    DnsName(byte[] wire) {
        this.wire = wire;
        int h = 1;
        for (byte b : wire) {
            h = 31 * h + lower(b);
        }
        this.hash = h;
    }

    /**
     * {@code name} ({@code web.corp}, with or without its final dot; {@code .} is the root) as a DNS
     * name; IllegalArgumentException, saying why, when it is none: an empty label, a label over 63
     * bytes, over 255 in all, a backslash (no escapes are read) or a character beyond ASCII.
     */
    public static DnsName of(String name) {
        if (name.equals(".")) {
            return ROOT;
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        byte[] wire = new byte[bare.length() + 2];
        int labelStart = 0;
        for (int i = 0; i <= bare.length(); i++) {
            char c = i < bare.length() ? bare.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0) {
                    throw new IllegalArgumentException("empty label");
                }
                if (length > MAX_LABEL_LENGTH) {
                    throw new IllegalArgumentException("label longer than " + MAX_LABEL_LENGTH + " bytes");
                }
                wire[labelStart] = (byte) length;
                labelStart = i + 1;
            } else if (c == '\\' || c > 0x7f) {
                throw new IllegalArgumentException(c == '\\' ? "a backslash" : "a character beyond ASCII");
            } else {
                wire[i + 1] = (byte) c;
            }
        }
        if (wire.length > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_WIRE_LENGTH + " bytes");
        }
        return new DnsName(wire);
    }

    /** Its wire form, uncompressed; not to be changed. */
    byte[] wire() {
        return wire;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DnsName that) || that.hash != hash || that.wire.length != wire.length) {
            return false;
        }
        for (int i = 0; i < wire.length; i++) {
            if (lower(wire[i]) != lower(that.wire[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        if (wire.length == 1) {
            return ".";
        }
        StringBuilder text = new StringBuilder(wire.length);
        for (int i = 0; wire[i] != 0; i += (wire[i] & 0xff) + 1) {
            if (i > 0) {
                text.append('.');
            }
            for (int j = i + 1; j <= i + (wire[i] & 0xff); j++) {
                int b = wire[j] & 0xff;
                if (b <= 0x20 || b >= 0x7f) {
                    text.append('\\').append((char) ('0' + b / 100)).append((char) ('0' + b / 10 % 10)).append((char) ('0' + b % 10));
                } else if ("\"().;\\@$".indexOf(b) >= 0) {
                    text.append('\\').append((char) b);
                } else {
                    text.append((char) b);
                }
            }
        }
        return text.toString();
    }
}
