package dev.resolvechain.benchmarks;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One mode of {@link NettyResolverRunner} in a JVM of its own (with the agent or without, as the runner started it):
 * Netty's {@code DnsNameResolver.resolve(name)} called on its event loop, timed from the call to the future's listener
 * (on the event loop too: inline when the answer was there at once). The next lookup is started by a task queued on
 * the loop, so the loop is never blocked and nothing but the lookup lies inside a timed span.
 *
 * <pre>
 * NettyResolverChild --nameserver ADDRESS:PORT --name PATTERN --expect IP --agent yes|no [--check-alias NAME=IP]
 *                    [--warmup N] [--batches N] [--batch N]
 * </pre>
 *
 * A name pattern may hold {@code %d}, replaced by a number never used before in this JVM (a cache miss every time).
 * The resolver asks only {@code --nameserver} ({@code SingletonDnsServerAddressStreamProvider}), A records only
 * ({@code IPV4_ONLY}), with no search domain, ndots 1 and no hosts file, so that neither its settings nor its answers
 * come from the machine's files. Prints {@code RESULT batches.ns M1,M2,...}: the median of each measured batch.
 */
public final class NettyResolverChild {
    private NettyResolverChild() {
    }

    public static void main(String[] args) throws Exception {
        String nameserver = null;
        String pattern = null;
        String expect = null;
        String checkAlias = null;
        boolean agent = false;
        int warmup = 20_000;
        int batches = 10;
        int batch = 5000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nameserver" -> nameserver = args[++i];
                case "--name" -> pattern = args[++i];
                case "--expect" -> expect = args[++i];
                case "--agent" -> agent = args[++i].equals("yes");
                case "--check-alias" -> checkAlias = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (nameserver == null || pattern == null || expect == null) {
            throw new IllegalArgumentException("--nameserver, --name and --expect are required");
        }
        boolean installed = ClassLoader.getSystemClassLoader().getResource("dev/resolvechain/agent/boot/ResolveChainAgent.class") != null;
        if (installed != agent) {
            throw new IllegalStateException("this mode runs " + (agent ? "with" : "without") + " the agent, but it is " + (installed ? "" : "not ") + "there");
        }
        int colon = nameserver.lastIndexOf(':');
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(nameserver.substring(0, colon)) /* a literal: no lookup */,
                Integer.parseInt(nameserver.substring(colon + 1)));
        @SuppressWarnings("deprecation") // its successor, MultiThreadIoEventLoopGroup, is not in Netty 4.1
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            EventLoop loop = group.next();
            DnsNameResolver resolver = new DnsNameResolverBuilder(loop)
                    .datagramChannelType(NioDatagramChannel.class)
                    .nameServerProvider(new SingletonDnsServerAddressStreamProvider(server))
                    .resolvedAddressTypes(ResolvedAddressTypes.IPV4_ONLY)
                    .searchDomains(List.of())
                    .ndots(1)
                    .hostsFileEntriesResolver((host, types) -> null)
                    .queryTimeoutMillis(2000)
                    .build();
            Lookups lookups = new Lookups(loop, resolver, pattern, expect);
            if (checkAlias != null) {
                String[] alias = checkAlias.split("=", 2);
                new Lookups(loop, resolver, alias[0], alias[1]).run(1);
            }
            lookups.run(warmup);
            List<Long> all = new ArrayList<>();
            StringBuilder medians = new StringBuilder();
            for (int b = 0; b < batches; b++) {
                long[] times = lookups.run(batch);
                Arrays.sort(times);
                medians.append(b == 0 ? "" : ",").append(times.length % 2 == 1 ? times[times.length / 2]
                        : (times[times.length / 2 - 1] + times[times.length / 2]) / 2.0);
                for (long time : times) {
                    all.add(time);
                }
            }
            List<Double> micros = all.stream().map(nanos -> nanos / 1000.0).toList();
            System.out.printf(Locale.ROOT, "JDK %s: %s lookups of %s: median %s µs, p90 %s, p99 %s%n", Runtime.version().feature(), micros.size(),
                    pattern, Report.number(Report.median(micros)), Report.number(Report.percentile(micros, 90)), Report.number(Report.percentile(micros, 99)));
            System.out.println("RESULT batches.ns " + medians);
            System.out.println("RESULT p99.ns " + Report.percentile(micros, 99) * 1000);
            resolver.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Lookups one after the other, each started on the event loop when the one before has completed. */
    private static final class Lookups {
        private final EventLoop loop;
        private final DnsNameResolver resolver;
        private final String pattern;
        private final String expect;
        private long counter;

        Lookups(EventLoop loop, DnsNameResolver resolver, String pattern, String expect) {
            this.loop = loop;
            this.resolver = resolver;
            this.pattern = pattern;
            this.expect = expect;
        }

        /** Runs {@code count} lookups; their times in ns. Throws on a failure or a wrong answer. */
        long[] run(int count) throws Exception {
            long[] times = new long[count];
            CompletableFuture<long[]> done = new CompletableFuture<>();
            loop.execute(new Runnable() {
                private int at;

                @Override
                public void run() {
                    if (at == count) {
                        done.complete(times);
                        return;
                    }
                    String name = pattern.contains("%d") ? pattern.replace("%d", Long.toString(counter++)) : pattern;
                    Runnable next = this;
                    long start = System.nanoTime();
                    resolver.resolve(name).addListener((Future<InetAddress> future) -> {
                        times[at] = System.nanoTime() - start;
                        if (!future.isSuccess()) {
                            done.completeExceptionally(new IllegalStateException(name + ": " + future.cause(), future.cause()));
                        } else if (!future.getNow().getHostAddress().equals(expect)) {
                            done.completeExceptionally(new IllegalStateException(name + " resolved to " + future.getNow() + ", not " + expect));
                        } else {
                            at++;
                            loop.execute(next);
                        }
                    });
                }
            });
            return done.get(10L + count / 100, TimeUnit.SECONDS);
        }
    }
}
