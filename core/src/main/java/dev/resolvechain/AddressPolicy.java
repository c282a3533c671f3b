package dev.resolvechain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Which address families a forward lookup wants, and in which order: the JDK's lookup policy. */
public enum AddressPolicy {
    IPV4_ONLY(true, false),
    IPV6_ONLY(false, true),
    IPV4_FIRST(true, true),
    IPV6_FIRST(true, true),
    /** Both families, in the order the source gave them (preferIPv6Addresses=system). */
    AS_ANSWERED(true, true);

    private final boolean ipv4;
    private final boolean ipv6;

    AddressPolicy(boolean ipv4, boolean ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    public boolean wantsIpv4() {
        return ipv4;
    }

    public boolean wantsIpv6() {
        return ipv6;
    }

    public boolean accepts(InetAddress address) {
        return address instanceof Inet4Address ? ipv4 : ipv6;
    }

    /** The addresses this policy accepts, in its order; the input is not changed. */
    public List<InetAddress> apply(List<InetAddress> addresses) {
        List<InetAddress> first = new ArrayList<>(addresses.size());
        List<InetAddress> second = new ArrayList<>(0);
        for (InetAddress address : addresses) {
            if (!accepts(address)) {
                continue;
            }
            boolean goesSecond = (this == IPV4_FIRST && address instanceof Inet6Address)
                    || (this == IPV6_FIRST && address instanceof Inet4Address);
            (goesSecond ? second : first).add(address);
        }
        first.addAll(second);
        return first;
    }

    /**
     * The policy the JDK applies by default: {@code java.net.preferIPv4Stack=true} means IPv4 only;
     * {@code java.net.preferIPv6Addresses} {@code true} puts IPv6 first, {@code system} keeps the
     * answer's order, anything else (the default) puts IPv4 first.
     */
    public static AddressPolicy fromSystemProperties() {
        if (Boolean.parseBoolean(System.getProperty("java.net.preferIPv4Stack"))) {
            return IPV4_ONLY;
        }
        String preferV6 = System.getProperty("java.net.preferIPv6Addresses", "false");
        if (preferV6.equalsIgnoreCase("system")) {
            return AS_ANSWERED;
        }
        return Boolean.parseBoolean(preferV6) ? IPV6_FIRST : IPV4_FIRST;
    }
}
