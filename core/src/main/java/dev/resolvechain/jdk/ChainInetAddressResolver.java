package dev.resolvechain.jdk;

import dev.resolvechain.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.net.spi.InetAddressResolver;
import java.util.stream.Stream;

/** The chain as a JDK 18+ {@link InetAddressResolver}. Only ever loaded on JDK 18 and later. */
public final class ChainInetAddressResolver implements InetAddressResolver {
    private final JdkResolver resolver;

    public ChainInetAddressResolver(JdkResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException {
        return Stream.of(resolver.lookup(host, policyOf(lookupPolicy.characteristics())));
    }

    @Override
    public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return resolver.reverse(addr);
    }

    /** The chain's policy for a lookup policy's characteristics. */
    public static AddressPolicy policyOf(int characteristics) {
        boolean ipv4 = (characteristics & LookupPolicy.IPV4) != 0;
        boolean ipv6 = (characteristics & LookupPolicy.IPV6) != 0;
        if (!ipv6) {
            return AddressPolicy.IPV4_ONLY;
        }
        if (!ipv4) {
            return AddressPolicy.IPV6_ONLY;
        }
        if ((characteristics & LookupPolicy.IPV4_FIRST) != 0) {
            return AddressPolicy.IPV4_FIRST;
        }
        return (characteristics & LookupPolicy.IPV6_FIRST) != 0 ? AddressPolicy.IPV6_FIRST : AddressPolicy.AS_ANSWERED;
    }

    /** The JDK's built-in resolver as the {@link JdkResolver.Platform} for lookups that must bypass the chain. */
    public static JdkResolver.Platform platform(InetAddressResolver builtin) {
        return new JdkResolver.Platform() {
            @Override
            public InetAddress[] lookup(String host, AddressPolicy policy) throws UnknownHostException {
                return builtin.lookupByName(host, LookupPolicy.of(characteristicsOf(policy))).toArray(InetAddress[]::new);
            }

            @Override
            public String reverse(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    static int characteristicsOf(AddressPolicy policy) {
        int families = (policy.wantsIpv4() ? LookupPolicy.IPV4 : 0) | (policy.wantsIpv6() ? LookupPolicy.IPV6 : 0);
        if (policy == AddressPolicy.IPV4_FIRST) {
            return families | LookupPolicy.IPV4_FIRST;
        }
        return policy == AddressPolicy.IPV6_FIRST ? families | LookupPolicy.IPV6_FIRST : families;
    }
}
