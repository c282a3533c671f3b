package dev.resolvechain.testkit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Names and IP literals as tests write them, parsed without any lookup. */
final class Literals {

    private Literals() {}

    /** {@code text} as an absolute name, whether or not it ends with a dot. */
    static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a domain name", e);
        }
    }

    static boolean isAddress(String text) {
        return Address.toByteArray(text, Address.IPv4) != null || Address.toByteArray(text, Address.IPv6) != null;
    }

    /** An IPv4 or IPv6 literal. */
    static InetAddress address(String text) {
        if (!isAddress(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        return address(text, Address.toByteArray(text, Address.IPv4) != null ? Address.IPv4 : Address.IPv6);
    }

    /** A literal of {@code family}: {@link Address#IPv4} or {@link Address#IPv6}. */
    static InetAddress address(String text, int family) {
        try {
            return Address.getByAddress(text, family);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv" + (family == Address.IPv4 ? 4 : 6) + " address", e);
        }
    }

    /** {@code ADDRESS:PORT}, with an IPv6 address in brackets: {@code [::1]:53}. */
    static InetSocketAddress socketAddress(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = ""; // an IPv6 address outside brackets: its last group would be taken for the port
        }
        try {
            return new InetSocketAddress(address(host), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not ADDRESS:PORT (an IPv6 address in brackets)", e);
        }
    }

    /** {@code ADDRESS:PORT} as {@link #socketAddress} reads it. */
    static String endpoint(InetSocketAddress socketAddress) {
        String host = socketAddress.getAddress().getHostAddress();
        return (socketAddress.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + socketAddress.getPort();
    }
}
