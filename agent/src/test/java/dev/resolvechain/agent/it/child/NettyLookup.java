package dev.resolvechain.agent.it.child;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** {@link Script}'s {@code netty:NAME}: one Netty {@code DnsNameResolver} on its defaults, made at the first use. */
final class NettyLookup {
    private NettyLookup() {
    }

    private static final class Resolver {
        // daemon: the script's JVM ends when its main does; MultiThreadIoEventLoopGroup is not in Netty 4.1
        @SuppressWarnings("deprecation")
        static final EventLoopGroup LOOPS = new NioEventLoopGroup(1, new DefaultThreadFactory("netty-lookup", true));
        static final DnsNameResolver INSTANCE = new DnsNameResolverBuilder(LOOPS.next()).datagramChannelType(NioDatagramChannel.class).build();
    }

    static String resolve(String name) throws Exception {
        return Resolver.INSTANCE.resolve(name).get(10, TimeUnit.SECONDS).getHostAddress();
    }
}
