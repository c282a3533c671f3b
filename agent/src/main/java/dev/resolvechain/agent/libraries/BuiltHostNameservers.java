package dev.resolvechain.agent.libraries;

import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.assembly.HostNameservers;
import dev.resolvechain.jdk.JdkResolver;
import java.net.InetSocketAddress;
import java.util.List;

/** The host nameservers of a resolver's chain, asked once it is built (a library that loads at JVM start waits for it as a lookup does). */
final class BuiltHostNameservers implements HostNameservers {
    private final JdkResolver resolver;
    private volatile HostNameservers servers;

    BuiltHostNameservers(JdkResolver resolver) {
        this.resolver = resolver;
    }

    private HostNameservers servers() {
        HostNameservers current = servers;
        if (current == null) {
            current = ChainFactory.hostNameservers(resolver.chain());
            if (current != HostNameservers.NONE) {
                servers = current; // NONE is not kept: a chain not built in time has no host tier yet
            }
        }
        return current;
    }

    @Override
    public List<InetSocketAddress> resolvConf() {
        return servers().resolvConf();
    }

    @Override
    public List<InetSocketAddress> asked() {
        return servers().asked();
    }
}
