package dev.resolvechain.wire;

import dev.resolvechain.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A DNS server: an IP literal and a port. Written {@code 127.0.0.1}, {@code 127.0.0.1:5353}, {@code ::1}, {@code [::1]:5353}. */
public record Endpoint(InetAddress address, int port) {

    public static final int DNS_PORT = 53;

    public Endpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    public static Endpoint parse(String text) {
        String host = text.trim();
        int port = DNS_PORT;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']'");
            }
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (!rest.isEmpty()) {
                port = parsePort(text, rest.startsWith(":") ? rest.substring(1) : rest);
            }
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = parsePort(text, host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        InetAddress address = IpLiteral.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address (names are not accepted here: resolving them would need the resolver being configured)");
        }
        return new Endpoint(address, port);
    }

    private static int parsePort(String text, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number");
        }
    }

    /** Written out: a record's generated equals/hashCode cost an invokedynamic bootstrap at first use, at JVM start. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Endpoint that && port == that.port && address.equals(that.address);
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + port;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            return port == DNS_PORT ? host : "[" + host + "]:" + port;
        }
        return port == DNS_PORT ? host : host + ":" + port;
    }
}
