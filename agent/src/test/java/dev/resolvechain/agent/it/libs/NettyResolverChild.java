package dev.resolvechain.agent.it.libs;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code NettyResolverChild [--nameserver ADDRESS:PORT] NAME...}: resolves each NAME with Netty's
 * {@code DnsAddressResolverGroup} of a {@code DnsNameResolverBuilder} on its defaults (the nameservers
 * of resolv.conf), or on the one explicit nameserver. Compiled against Netty 4.2, it runs on 4.1 as
 * well: it names only what both lines have.
 */
public final class NettyResolverChild {
    private NettyResolverChild() {
    }

    public static void main(String[] arguments) throws UnknownHostException {
        List<String> names = List.of(arguments);
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder().datagramChannelType(NioDatagramChannel.class);
        if (arguments[0].equals("--nameserver")) {
            String endpoint = arguments[1];
            int colon = endpoint.lastIndexOf(':');
            InetSocketAddress nameserver = new InetSocketAddress(InetAddress.getByName(endpoint.substring(0, colon)),
                    Integer.parseInt(endpoint.substring(colon + 1)));
            builder.nameServerProvider(new SingletonDnsServerAddressStreamProvider(nameserver));
            names = names.subList(2, names.size());
        }
        @SuppressWarnings("deprecation") // its successor, MultiThreadIoEventLoopGroup, is not in Netty 4.1
        EventLoopGroup loops = new NioEventLoopGroup(1);
        AddressResolver<InetSocketAddress> resolver = new DnsAddressResolverGroup(builder).getResolver(loops.next());
        Targets.reachEach(names, name -> resolver.resolve(InetSocketAddress.createUnresolved(name, 80))
                .get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS).getAddress().getHostAddress());
    }
}
