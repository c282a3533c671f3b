package dev.resolvechain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * IP address literals, parsed without ever asking a resolver: the chain's own code must not
 * re-enter {@code InetAddress} name resolution. Read as glibc's {@code inet_pton} reads them: IPv4
 * as four decimal parts of 0 to 255 without leading zeros, IPv6 as up to eight groups of one to
 * four hex digits with at most one {@code ::} and an IPv4 tail ({@code IpLiteralPropertiesTest}
 * checks it against dnsjava's {@code Address}, which also takes longer groups led by zeros).
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address written in {@code text} (IPv4, IPv6, IPv6 with a {@code %zone}), or null if it is not a literal. */
    public static InetAddress parse(String text) {
        String literal = text;
        String zone = null;
        int percent = text.indexOf('%');
        if (percent >= 0) {
            literal = text.substring(0, percent);
            zone = text.substring(percent + 1);
        }
        byte[] bytes = ipv4(literal, 0, literal.length());
        if (bytes == null) {
            bytes = ipv6(literal);
        }
        if (bytes == null || (zone != null && bytes.length != 16)) {
            return null;
        }
        try {
            if (zone == null || zone.isEmpty()) {
                return InetAddress.getByAddress(bytes);
            }
            if (zone.chars().allMatch(Character::isDigit)) {
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(zone));
            }
            NetworkInterface nic = NetworkInterface.getByName(zone);
            return nic == null ? null : Inet6Address.getByAddress(null, bytes, nic);
        } catch (UnknownHostException | SocketException | NumberFormatException e) {
            return null;
        }
    }

    /** The 4 bytes of the dotted quad {@code text[from, to)}, or null. */
    static byte[] ipv4(String text, int from, int to) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 3) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && !(digits > 0 && value == 0)) {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else {
                return null; // not a digit, or a digit after a leading zero
            }
        }
        if (part != 3 || digits == 0) {
            return null;
        }
        bytes[3] = (byte) value;
        return bytes;
    }

    /** The 16 bytes of the IPv6 literal {@code text} (no zone), or null. */
    static byte[] ipv6(String text) {
        byte[] bytes = new byte[16];
        int length = text.length();
        int filled = 0;
        int gap = -1; // where "::" stands, in bytes
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.startsWith(":")) {
            return null;
        }
        while (i < length) {
            int end = i;
            int value = 0;
            while (end < length && end - i <= 4 && hexDigit(text.charAt(end)) >= 0) {
                value = value * 16 + hexDigit(text.charAt(end));
                end++;
            }
            if (end < length && text.charAt(end) == '.') {
                byte[] tail = filled <= 12 ? ipv4(text, i, length) : null; // an IPv4 tail ends the literal
                if (tail == null) {
                    return null;
                }
                System.arraycopy(tail, 0, bytes, filled, 4);
                filled += 4;
                break;
            }
            if (end == i || end - i > 4 || filled == 16) {
                return null;
            }
            bytes[filled++] = (byte) (value >>> 8);
            bytes[filled++] = (byte) value;
            if (end == length) {
                break;
            }
            if (text.charAt(end) != ':' || end + 1 == length) {
                return null; // not a separator, or one colon at the end
            }
            if (text.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = filled;
                end++;
            }
            i = end + 1;
        }
        if (gap < 0) {
            return filled == 16 ? bytes : null;
        }
        if (filled == 16) {
            return null; // "::" stands for one group at least
        }
        int moved = filled - gap;
        System.arraycopy(bytes, gap, bytes, 16 - moved, moved);
        Arrays.fill(bytes, gap, 16 - moved, (byte) 0);
        return bytes;
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** The address of 4 or 16 raw bytes. */
    public static InetAddress of(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length, e);
        }
    }

    /** As {@link #parse} with a host name attached, so that {@code getHostName()} needs no reverse lookup. */
    public static InetAddress withName(String hostName, InetAddress address) {
        try {
            if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                return Inet6Address.getByAddress(hostName, v6.getAddress(), v6.getScopeId());
            }
            return InetAddress.getByAddress(hostName, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
