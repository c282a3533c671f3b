package dev.resolvechain.assembly;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.alias.etcd.EtcdGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * Finds the etcd members named by host name through the hosts file and the host nameservers only:
 * never through {@code InetAddress}, whose resolver may be the chain the etcd source feeds, and
 * never through the alias or local tiers (an alias cannot say where the aliases are).
 */
final class MemberLookup implements EtcdGateway.MemberAddresses {
    private static final Set<String> TIERS = Set.of("hosts", "dns");

    private volatile ResolveChain chain;

    /** The chain whose hosts and dns tiers are asked from now on. */
    void use(ResolveChain whole) {
        chain = whole.narrowedTo(TIERS);
    }

    @Override
    public List<InetAddress> lookup(String host) throws IOException {
        ResolveChain asked = chain;
        if (asked == null) {
            throw new UnknownHostException("etcd member '" + host + "' cannot be looked up before the chain is built");
        }
        Resolution resolution = asked.lookup(host, AddressPolicy.IPV4_FIRST);
        if (!resolution.resolved()) {
            throw new UnknownHostException("etcd member '" + host + "' (hosts file and host nameservers): " + resolution.failureReason());
        }
        return resolution.addresses();
    }
}
