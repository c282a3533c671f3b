package dev.resolvechain.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Resolution;
import dev.resolvechain.config.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.TestDnsServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain, built from configuration, against Debian's dnsmasq as the local client and as the host nameserver. */
class DnsmasqInteropTest {
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
}
