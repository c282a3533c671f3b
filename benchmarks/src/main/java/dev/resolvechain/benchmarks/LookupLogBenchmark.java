package dev.resolvechain.benchmarks;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.observe.LookupLog;
import dev.resolvechain.testkit.Dnsmasq;
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

/**
 * Issue 14: what the bookkeeping of every lookup costs ({@link LookupLog#record}: counts, latency,
 * the ring of failed or slow lookups, the JFR event's check with no recording on), side by side with
 * the same lookup without it, in one JMH run: an alias answered by the chain (as Netty's and
 * dnsjava's lookups are; {@code InetAddress}'s alias hits go through the JDK-cache entries, which are
 * not recorded at all), and a DNS miss (a new name each time) against dnsmasq on loopback.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.LookupLogBenchmark [--quick] [--rows FILE]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupLogBenchmark {
    private Fixture fixture;
    private Dnsmasq dnsmasq;
    private ResolveChain chain;
    private final LookupLog log = new LookupLog();
    private long next;

    public static void main(String[] args) throws Exception {
        Jmh.run(LookupLogBenchmark.class, args, 3, 4, List.of(
                new Jmh.Comparison("alias", "an alias through the chain, recorded", "aliasLookupRecorded", "the same, not recorded", "aliasLookup"),
                new Jmh.Comparison("miss", "a DNS miss through the chain (dnsmasq on loopback), recorded", "dnsMissRecorded", "the same, not recorded",
                        "dnsMiss")));
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = Fixture.create(0);
        dnsmasq = Dnsmasq.builder().address("/bench.test/127.0.0.9").start();
        chain = ChainFactory.create(ConfigLoader.fromSystem("aliases=" + fixture.aliases + ";hostsFile=" + fixture.guardHostsFile
                + ";resolvConf=" + fixture.resolvConf + ";nameservers=" + dnsmasq.endpoint() + ";log.level=warn"), Map.of());
        if (!aliasLookup().resolved() || !dnsMiss().resolved() || !aliasLookupRecorded().resolved() || !dnsMissRecorded().resolved()) {
            throw new IllegalStateException("the chain did not answer: " + aliasLookup() + " " + dnsMiss());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        chain.close();
        dnsmasq.close();
        fixture.delete();
    }

    @Benchmark
    public Resolution aliasLookup() {
        return chain.lookup(Fixture.NAME, AddressPolicy.IPV4_FIRST);
    }

    @Benchmark
    public Resolution aliasLookupRecorded() {
        Resolution resolution = chain.lookup(Fixture.NAME, AddressPolicy.IPV4_FIRST);
        log.record("netty", resolution);
        return resolution;
    }

    @Benchmark
    public Resolution dnsMiss() {
        return chain.lookup("n" + next++ + ".bench.test", AddressPolicy.IPV4_ONLY);
    }

    @Benchmark
    public Resolution dnsMissRecorded() {
        Resolution resolution = chain.lookup("n" + next++ + ".bench.test", AddressPolicy.IPV4_ONLY);
        log.record("netty", resolution);
        return resolution;
    }
}
