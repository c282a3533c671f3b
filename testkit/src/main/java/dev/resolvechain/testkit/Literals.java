package dev.resolvechain.testkit;

import java.net.InetAddress;
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
}
