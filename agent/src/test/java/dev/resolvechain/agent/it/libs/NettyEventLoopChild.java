package dev.resolvechain.agent.it.libs;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code NettyEventLoopChild NAME... [SRV:NAME]}: on the one thread of a Netty event loop, asks a
 * {@code DnsNameResolver} on its defaults (the nameservers of resolv.conf) for each NAME, and says
 * where it led and how: {@code inline} when the future was complete as {@code resolve} returned,
 * {@code loop free} when it was not and the loop ran a task queued after the call before the answer
 * came. A lookup that held the loop while it waited would come out {@code inline}, however slow its
 * answer. {@code SRV:NAME} asks {@code resolveAll(DnsQuestion)} for NAME's SRV records, which Netty
 * answers itself: it prints how many came.
 */
public final class NettyEventLoopChild {
    private NettyEventLoopChild() {
    }

    public static void main(String[] arguments) {
        @SuppressWarnings("deprecation") // its successor, MultiThreadIoEventLoopGroup, is not in Netty 4.1
        EventLoopGroup loops = new NioEventLoopGroup(1);
        EventLoop loop = loops.next();
        DnsNameResolver resolver = new DnsNameResolverBuilder(loop).datagramChannelType(NioDatagramChannel.class).build();
        Targets.reachEach(List.of(arguments), question -> question.startsWith("SRV:")
                ? srvRecords(loop, resolver, question.substring("SRV:".length()))
                : address(loop, resolver, question));
    }

    private static String address(EventLoop loop, DnsNameResolver resolver, String name) throws Exception {
        CompletableFuture<String> how = new CompletableFuture<>();
        Future<InetAddress> lookup = loop.submit(() -> {
            Future<InetAddress> resolved = resolver.resolve(name);
            boolean inline = resolved.isDone();
            AtomicBoolean loopRan = new AtomicBoolean();
            loop.execute(() -> loopRan.set(true));
            resolved.addListener(done -> how.complete(inline ? "inline" : loopRan.get() ? "loop free" : "loop held"));
            return resolved;
        }).get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        InetAddress address = lookup.get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return address.getHostAddress() + " (" + how.get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS) + ")";
    }

    private static String srvRecords(EventLoop loop, DnsNameResolver resolver, String name) throws Exception {
        List<DnsRecord> records = loop.submit(() -> resolver.resolveAll(new DefaultDnsQuestion(name, DnsRecordType.SRV)))
                .get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long srv = records.stream().filter(record -> record.type() == DnsRecordType.SRV).count();
        records.forEach(ReferenceCountUtil::release);
        return srv + " SRV";
    }
}
