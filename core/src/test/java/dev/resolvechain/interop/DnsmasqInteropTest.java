package dev.resolvechain.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.TestDnsServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain, built from configuration, against Debian's dnsmasq as the local client and as the host nameserver. */
class DnsmasqInteropTest {
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(3);
    private static final String LOCAL_CLIENT = "local.domains=vip;local.onDown=fail;local.timeout=300ms;nameservers=";
    @TempDir
    Path dir;
    private TestDnsServer upstream;
    private Dnsmasq dnsmasq;
    private ResolveChain chain;

    @BeforeEach
    void start() throws Exception {
        Dnsmasq.assumeInstalled();
        upstream = TestDnsServer.start().soa("example.org", 30).a("www.example.org", 300, "198.51.100.80");
        dnsmasq = Dnsmasq.builder()
                .hostRecord("inventory.vip", "192.0.2.21", "2001:db8::21")
                .local("vip")
                .hostRecord("api.corp", "192.0.2.40")
                .cname("legacy.corp", "api.corp")
                .local("corp")
                .server(upstream)
                .option("cache-size=0")
                .option("local-ttl=1")
                .start();
        Files.writeString(dir.resolve("hosts"), "");
        Files.writeString(dir.resolve("resolv.conf"), "search corp\noptions ndots:1\n");
    }

    @AfterEach
    void stop() {
        if (chain != null) {
            chain.close();
        }
        if (dnsmasq != null) {
            dnsmasq.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private ResolveChain chain(String settings) throws Exception {
        chain = ChainFactory.create(ConfigLoader.load("hostsFile=" + dir.resolve("hosts") + ";resolvConf="
                + dir.resolve("resolv.conf") + ";" + settings, Map.of(), Map.of()), Map.of());
        return chain;
    }

    /** The local client's part in a lookup. */
    private static String localDetail(Resolution resolution) {
        return resolution.steps().get(0).detail();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + RECOVERY_BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static long probeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("resolvechain-local-probe")).count();
    }

    private static List<String> addresses(Resolution resolution) {
        return resolution.addresses().stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void dnsmasqAsTheLocalClientAnswersItsDomainAndItsNxdomainIsFinal() throws Exception {
        ResolveChain chain = chain("local=" + dnsmasq.endpoint() + ";local.domains=vip;nameservers=" + upstream.endpoint());
        Resolution vip = chain.lookup("inventory.vip", AddressPolicy.IPV4_FIRST);
        assertEquals("local", vip.answeredBy());
        assertEquals(List.of("192.0.2.21", "2001:db8:0:0:0:0:0:21"), addresses(vip));

        Resolution missing = chain.lookup("missing.vip", AddressPolicy.IPV4_FIRST);
        assertFalse(missing.resolved());
        assertTrue(missing.failureReason().startsWith("local: ") && missing.failureReason().contains("NXDOMAIN"),
                missing.failureReason());
        assertTrue(upstream.queries().stream().noneMatch(q -> q.name().endsWith("vip")),
                "names of the local client's domains never reach the host nameservers: " + upstream.queries());

        Resolution other = chain.lookup("www.example.org", AddressPolicy.IPV4_ONLY);
        assertEquals("dns", other.answeredBy());
        assertEquals(List.of("198.51.100.80"), addresses(other));
    }

    @Test
    void dnsmasqAsTheHostNameserverWithSearchListCnameAndReverse() throws Exception {
        ResolveChain chain = chain("nameservers=" + dnsmasq.endpoint());
        Resolution relative = chain.lookup("api", AddressPolicy.IPV4_ONLY);
        assertEquals("dns", relative.answeredBy());
        assertEquals(List.of("192.0.2.40"), addresses(relative));
        assertTrue(relative.steps().get(relative.steps().size() - 1).detail().contains("api.corp"),
                relative.steps().toString());

        assertEquals(List.of("192.0.2.40"), addresses(chain.lookup("legacy.corp", AddressPolicy.IPV4_ONLY)));
        assertEquals(List.of("198.51.100.80"), addresses(chain.lookup("www.example.org.", AddressPolicy.IPV4_ONLY)));
        assertEquals("api.corp", chain.reverse(IpLiteral.parse("192.0.2.40").getAddress()).hostName());

        Resolution nx = chain.lookup("nothing.corp", AddressPolicy.IPV4_FIRST);
        assertFalse(nx.resolved());
        assertTrue(nx.failureReason().startsWith("dns: ") && nx.failureReason().contains("NXDOMAIN"), nx.failureReason());
    }

    @Test
    void aHostNameserverThatIsTheLocalClientIsAskedOnlyOnce() throws Exception {
        ResolveChain chain = chain("local=" + dnsmasq.endpoint() + ";nameservers=" + dnsmasq.endpoint());
        Resolution resolution = chain.lookup("nothing.corp", AddressPolicy.IPV4_ONLY);
        assertFalse(resolution.resolved());
        assertTrue(resolution.failureReason().contains("dns: "), resolution.failureReason());
        assertTrue(resolution.failureReason().contains("local client"), resolution.failureReason());
    }

    @Test
    void dnsmasqKilledAndRestarted() throws Exception {
        ResolveChain chain = chain("local=" + dnsmasq.endpoint() + ";" + LOCAL_CLIENT + upstream.endpoint());
        assertEquals("local", chain.lookup("inventory.vip", AddressPolicy.IPV4_ONLY).answeredBy());
        Thread.sleep(1200); // past its TTL (local-ttl=1)

        dnsmasq.stop();

        Resolution stale = chain.lookup("inventory.vip", AddressPolicy.IPV4_ONLY);
        assertEquals("local", stale.answeredBy(), stale.steps().toString());
        assertEquals(List.of("192.0.2.21"), addresses(stale));
        assertTrue(localDetail(stale).contains("did not answer: port unreachable") && localDetail(stale).contains("(stale, "),
                localDetail(stale));
        chain.lookup("first.vip", AddressPolicy.IPV4_ONLY);
        Resolution down = chain.lookup("second.vip", AddressPolicy.IPV4_ONLY);
        assertFalse(down.resolved());
        assertTrue(down.failureReason().startsWith("local: local client " + dnsmasq.endpoint() + " is down since "), down.failureReason());
        assertTrue(down.micros() < 150_000, "skipped at once: " + down.micros() + " µs");
        assertEquals("dns", chain.lookup("www.example.org", AddressPolicy.IPV4_ONLY).answeredBy(), "other names are not affected");

        dnsmasq.start();

        assertTrue(eventually(() -> chain.lookup("second.vip", AddressPolicy.IPV4_ONLY).failureReason().contains("says NXDOMAIN")),
                "the client's NXDOMAIN is final again once it is up");
        Resolution fresh = chain.lookup("inventory.vip", AddressPolicy.IPV4_ONLY);
        assertTrue(localDetail(fresh).startsWith("A for inventory.vip from " + dnsmasq.endpoint() + " (ttl 1 s)"), localDetail(fresh));
        assertTrue(upstream.queries().stream().noneMatch(q -> q.name().endsWith("vip")), "vip names never reached the host nameservers");
    }

    @Test
    void dnsmasqFlapping() throws Exception {
        ResolveChain chain = chain("local=" + dnsmasq.endpoint() + ";" + LOCAL_CLIENT + upstream.endpoint());
        assertEquals("local", chain.lookup("inventory.vip", AddressPolicy.IPV4_FIRST).answeredBy());
        for (int cycle = 0; cycle < 3; cycle++) {
            String name = "missing-" + cycle + ".vip";
            String prefix = "missing-" + cycle + "-";
            dnsmasq.stop();
            Resolution failed = null;
            for (int lookup = 0; lookup < 3; lookup++) {
                failed = chain.lookup(prefix + lookup + ".vip", AddressPolicy.IPV4_ONLY);
                assertFalse(failed.resolved());
                assertTrue(failed.micros() < 1_000_000, "cycle " + cycle + ": " + failed.micros() + " µs");
            }
            assertTrue(failed.failureReason().contains(" is down since "), "cycle " + cycle + ": " + failed.failureReason());
            Resolution stale = chain.lookup("inventory.vip", AddressPolicy.IPV4_FIRST);
            assertEquals("local", stale.answeredBy(), "cycle " + cycle + ": " + stale.steps());

            dnsmasq.start();

            assertTrue(eventually(() -> chain.lookup(name, AddressPolicy.IPV4_ONLY).failureReason().contains("says NXDOMAIN for " + name)),
                    "cycle " + cycle + ": up again");
        }
        assertTrue(upstream.queries().stream().noneMatch(q -> q.name().endsWith("vip")), "vip names never reached the host nameservers");
        chain.close();
        assertTrue(eventually(() -> probeThreads() == 0), "no probe thread once the client is up and the chain closed");
    }
}
