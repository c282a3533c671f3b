package dev.resolvechain.benchmarks;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.dns.ResolvConf;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.Endpoint;
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
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Issue #5: the dns tier (host nameservers) against dnsjava's stock {@link Lookup}, side by side in
 * one JMH run, both asking the same dnsmasq on loopback (the testkit harness: no system file read)
 * for the same name and the same record types:
 * <ul>
 *   <li>{@code *Miss*}: nothing cached. The tier's cache keeps nothing (TTL bounds 0); each
 *       {@code Lookup} gets {@code setCache(null)} (a fresh cache per lookup) and
 *       {@code setHostsFileParser(null)} (no hosts file read: a DNS exchange is compared).
 *       {@code Both}: A and AAAA; the tier sends both from one socket back to back, dnsjava's
 *       {@code Lookup} asks one type per lookup, so a Lookup for A then one for AAAA.</li>
 *   <li>{@code *Hit*}: the answer cached (dnsmasq gives it a TTL of 300 s): the tier's {@code DnsCache},
 *       dnsjava's default cache.</li>
 *   <li>{@code tierNoNameserver}: a tier without nameserver: it fails at once, sending nothing.</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.DnsMissBenchmark [--quick] [--rows FILE]}
 * (needs dnsmasq). The setup checks every answer, so that a misconfigured fork fails instead of measuring errors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DnsMissBenchmark {
    private static final String NAME = "web.bench.test";
    private static final String IPV4 = "192.0.2.80";
    private static final String IPV6 = "2001:db8::80";

    private Dnsmasq dnsmasq;
    private DnsTier uncached;
    private DnsTier cached;
    private DnsTier noServer;
    private SimpleResolver resolver;
    private Name name;

    public static void main(String[] args) throws Exception {
        if (!Dnsmasq.installed()) {
            throw new IllegalStateException("dnsmasq is not installed (Debian package dnsmasq-base)");
        }
        Jmh.run(DnsMissBenchmark.class, args, 2, 3, List.of(
                new Jmh.Comparison("miss-a", "dns tier, cache miss, A", "tierMissA", "dnsjava's Lookup, A", "dnsjavaMissA"),
                new Jmh.Comparison("miss-a-aaaa", "dns tier, cache miss, A+AAAA", "tierMissBoth", "dnsjava's Lookup, A then AAAA", "dnsjavaMissBoth"),
                new Jmh.Comparison("hit-a-aaaa", "dns tier, cache hit, A+AAAA", "tierHitBoth", "dnsjava's Lookup, its cache, A then AAAA",
                        "dnsjavaHitBoth")));
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dnsmasq = Dnsmasq.builder().hostRecord(NAME, IPV4, IPV6).local("test").option("local-ttl=300").start();
        ResolvConf conf = ResolvConf.parse("options timeout:2 attempts:1\n", "benchmark", Map.of());
        List<Endpoint> servers = List.of(Endpoint.parse(dnsmasq.endpoint()));
        uncached = new DnsTier(conf, servers, List.of(), null, new DnsCache(Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, Duration.ZERO, System::nanoTime));
        cached = new DnsTier(conf, servers, List.of(), null, new DnsCache());
        noServer = new DnsTier(conf, List.of(), List.of(), null, new DnsCache());
        resolver = new SimpleResolver(dnsmasq.socketAddress());
        resolver.setTimeout(Duration.ofSeconds(2));
        name = Name.fromString(NAME + ".");

        expect(tierMissBoth().addresses(), IPV4, IPV6);
        expect(tierHitBoth().addresses(), IPV4, IPV6);
        expect(tierMissA().addresses(), IPV4);
        expect(addresses(dnsjavaMissBoth()), IPV4, IPV6);
        expect(addresses(dnsjavaHitBoth()), IPV4, IPV6);
        expect(addresses(new Record[][] {dnsjavaMissA()}), IPV4);
        if (tierNoNameserver().outcome() != Outcome.FAIL) {
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
    public Verdict tierMissBoth() {
        return uncached.resolve(query(AddressPolicy.IPV4_FIRST));
    }

    @Benchmark
    public Record[][] dnsjavaMissBoth() {
        return new Record[][] {lookup(Type.A, false), lookup(Type.AAAA, false)};
    }

    @Benchmark
    public Verdict tierMissA() {
        return uncached.resolve(query(AddressPolicy.IPV4_ONLY));
    }

    @Benchmark
    public Record[] dnsjavaMissA() {
        return lookup(Type.A, false);
    }

    @Benchmark
    public Verdict tierHitBoth() {
        return cached.resolve(query(AddressPolicy.IPV4_FIRST));
    }

    @Benchmark
    public Record[][] dnsjavaHitBoth() {
        return new Record[][] {lookup(Type.A, true), lookup(Type.AAAA, true)};
    }

    @Benchmark
    public Verdict tierNoNameserver() {
        return noServer.resolve(query(AddressPolicy.IPV4_FIRST));
    }

    /** dnsjava's stock lookup of the absolute name: its default cache, or a fresh one per lookup; no hosts file. */
    private Record[] lookup(int type, boolean useCache) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setHostsFileParser(null);
        if (!useCache) {
            lookup.setCache(null);
        }
        Record[] records = lookup.run();
        if (lookup.getResult() != Lookup.SUCCESSFUL) {
            throw new IllegalStateException("dnsjava Lookup " + Type.string(type) + ": " + lookup.getErrorString());
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

    private static void expect(List<InetAddress> addresses, String... literals) {
        List<InetAddress> wanted = new ArrayList<>();
        for (String literal : literals) {
            wanted.add(IpLiteral.parse(literal));
        }
        if (!addresses.equals(wanted)) {
            throw new IllegalStateException("expected " + wanted + ", got " + addresses);
        }
    }
}
