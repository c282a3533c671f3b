package dev.resolvechain.assembly;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The host nameservers as a library's own resolver meets them, each list as it is at the call (the
 * chain rereads resolv.conf).
 *
 * @param resolvConf the servers resolv.conf names: a library resolver on its defaults asks these, and
 *                   so means the chain's host tier
 * @param asked      the servers the host tier asks, in its order: those of resolv.conf, or the
 *                   {@code nameservers} that replace them (empty when there is none)
 */
public record HostNameservers(Supplier<List<InetSocketAddress>> resolvConf, Supplier<List<InetSocketAddress>> asked) {
    /** A chain without a host tier. */
    public static final HostNameservers NONE = new HostNameservers(List::of, List::of);
}
