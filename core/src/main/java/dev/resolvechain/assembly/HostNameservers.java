package dev.resolvechain.assembly;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The host nameservers as a library's own resolver meets them, each list as it is at the call (the
 * chain rereads resolv.conf). Not lambdas: made when the agent installs, where each costs a bootstrap.
 */
public interface HostNameservers {
    /** A chain without a host tier. */
    HostNameservers NONE = new HostNameservers() {
        @Override
        public List<InetSocketAddress> resolvConf() {
            return List.of();
        }

        @Override
        public List<InetSocketAddress> asked() {
            return List.of();
        }
    };

    /** The servers resolv.conf names: a library resolver on its defaults asks these, and so means the chain's host tier. */
    List<InetSocketAddress> resolvConf();

    /**
     * The servers the host tier asks, in its order: those of resolv.conf, or the {@code nameservers}
     * that replace them (empty when there is none).
     */
    List<InetSocketAddress> asked();
}
