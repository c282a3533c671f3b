package dev.resolvechain.cli;

import dev.resolvechain.AddressPolicy;
import java.util.Locale;

/**
 * The resolver an {@code explain} stands for ({@code --resolver}): the resolvers the agent sends
 * through the chain each ask it in their own way. {@code InetAddress} asks for the families the JDK's
 * defaults want; Netty's {@code DnsNameResolver} on its defaults for IPv4 first (IPv6 first with
 * {@code java.net.preferIPv6Addresses=true}), and whether its promise completes inline on the event
 * loop or later from a lookup thread is part of the answer; dnsjava's {@code Lookup} asks for A records.
 */
enum ExplainedResolver {
    INET_ADDRESS("InetAddress"),
    NETTY("netty"),
    DNSJAVA("dnsjava");

    final String label;

    ExplainedResolver(String label) {
        this.label = label;
    }

    /** The resolver named {@code label} (any case); null when none is. */
    static ExplainedResolver named(String label) {
        for (ExplainedResolver resolver : values()) {
            if (resolver.label.toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
                return resolver;
            }
        }
        return null;
    }

    static String labels() {
        StringBuilder labels = new StringBuilder();
        for (ExplainedResolver resolver : values()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(resolver.label);
        }
        return labels.toString();
    }

    AddressPolicy policy() {
        return switch (this) {
            case INET_ADDRESS -> AddressPolicy.fromSystemProperties();
            case NETTY -> Boolean.getBoolean("java.net.preferIPv6Addresses") ? AddressPolicy.IPV6_FIRST : AddressPolicy.IPV4_FIRST;
            case DNSJAVA -> AddressPolicy.IPV4_ONLY;
        };
    }
}
