package dev.resolvechain.benchmarks.dns;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.config.Endpoint;
import dev.resolvechain.dns.DnsCache;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.dns.ResolvConf;
import dev.resolvechain.testkit.Dnsmasq;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The dns tier against dnsjava's stock {@link Lookup}, side by side, asking the same dnsmasq on
 * loopback for the same name and the same record types:
 * <ul>
 *   <li>{@code miss*}: nothing cached. The chain's tier has a cache that keeps nothing (its TTL
 *       bounds are 0); each {@code Lookup} gets {@code setCache(null)}, a fresh cache per lookup.
 *       {@code both}: A and AAAA (the chain sends both from one socket, back to back; dnsjava's
 *       {@code Lookup} asks one type per lookup, so two lookups, one after the other); {@code a}: A only.</li>
 *   <li>{@code hit*}: the answer is cached (dnsmasq gives it a TTL of 300 s): the chain's {@code DnsCache},
 *       dnsjava's default cache.</li>
 *   <li>{@code chainNoNameserver}: a tier with no nameserver: it fails at once, sending nothing.</li>
 * </ul>
 * Each setup checks the answer, so that a misconfigured run fails instead of measuring errors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DnsMissBenchmark {
    private static final String NAME = "web.bench.test";
    private static final String IPV4 = "192.0.2.80";
    private static final String IPV6 = "2001:db8::80";

    private Dnsmasq dnsmasq;
    private DnsTier chainUncached;
    private DnsTier chainCached;
    private DnsTier chainNoServer;
    private SimpleResolver resolver;
    private Name name;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dnsmasq = Dnsmasq.builder()
                .hostRecord(NAME, IPV4, IPV6)
                .local("test")
                .option("local-ttl=300")
                .start();
        ResolvConf conf = ResolvConf.parse("options timeout:2 attempts:1\n", "benchmark", Map.of());
        List<Endpoint> servers = List.of(Endpoint.parse(dnsmasq.endpoint()));
        chainUncached = new DnsTier(conf, servers, List.of(), null, new DnsCache(Duration.ZERO, Duration.ZERO, Duration.ZERO, 1));
        chainCached = new DnsTier(conf, servers, List.of(), null, new DnsCache());
        chainNoServer = new DnsTier(conf, List.of(), List.of(), null, new DnsCache());
        resolver = new SimpleResolver(dnsmasq.socketAddress());
        resolver.setTimeout(Duration.ofSeconds(2));
        name = Name.fromString(NAME + ".");

        check(chainMissBoth().addresses(), IPV4, IPV6);
        check(chainHitBoth().addresses(), IPV4, IPV6);
        check(addresses(dnsjavaMissBoth()), IPV4, IPV6);
        check(addresses(dnsjavaHitBoth()), IPV4, IPV6);
        check(chainMissA().addresses(), IPV4);
        check(addresses(new Record[][] {dnsjavaMissA()}), IPV4);
        if (chainNoNameserver().outcome() != Outcome.FAIL) {
            throw new IllegalStateException("a tier without nameserver answered");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dnsmasq.close();
    }

    private static Query query(AddressPolicy policy) {
        return Query.forward(NAME + ".", policy, Deadline.after(Duration.ofSeconds(3)));
    }

    @Benchmark
    public Verdict chainMissBoth() {
        return chainUncached.resolve(query(AddressPolicy.IPV4_FIRST));
    }

    @Benchmark
    public Record[][] dnsjavaMissBoth() {
        return new Record[][] {lookup(Type.A, false), lookup(Type.AAAA, false)};
    }

    @Benchmark
    public Verdict chainMissA() {
        return chainUncached.resolve(query(AddressPolicy.IPV4_ONLY));
    }

    @Benchmark
    public Verdict chainMissAAAA() {
        return chainUncached.resolve(query(AddressPolicy.IPV6_ONLY));
    }

    @Benchmark
    public Record[] dnsjavaMissA() {
        return lookup(Type.A, false);
    }

    @Benchmark
    public Verdict chainHitBoth() {
        return chainCached.resolve(query(AddressPolicy.IPV4_FIRST));
    }

    @Benchmark
    public Record[][] dnsjavaHitBoth() {
        return new Record[][] {lookup(Type.A, true), lookup(Type.AAAA, true)};
    }

    @Benchmark
    public Verdict chainNoNameserver() {
        return chainNoServer.resolve(query(AddressPolicy.IPV4_FIRST));
    }

    /** dnsjava's stock lookup: its resolver, an absolute name, and either its default cache or a fresh one ({@code setCache(null)}). */
    private Record[] lookup(int type, boolean cached) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        if (!cached) {
            lookup.setCache(null);
        }
        Record[] records = lookup.run();
        if (lookup.getResult() != Lookup.SUCCESSFUL) {
            throw new IllegalStateException("dnsjava: " + lookup.getErrorString());
        }
        return records;
    }

    private static List<InetAddress> addresses(Record[][] answers) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record[] records : answers) {
            for (Record record : records) {
                addresses.add(record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress());
            }
        }
        return addresses;
    }

    private static void check(List<InetAddress> addresses, String... expected) throws Exception {
        List<InetAddress> wanted = new ArrayList<>();
        for (String literal : expected) {
            wanted.add(InetAddress.getByAddress(org.xbill.DNS.Address.toByteArray(literal, literal.contains(":") ? 2 : 1)));
        }
        if (!addresses.equals(wanted)) {
            throw new IllegalStateException("expected " + wanted + ", got " + addresses);
        }
    }
}
