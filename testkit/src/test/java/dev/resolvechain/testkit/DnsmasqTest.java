package dev.resolvechain.testkit;

import static dev.resolvechain.testkit.TestDnsServerTest.addresses;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsmasqTest {

    @Nested
    class Running {

        @BeforeEach
        void requireDnsmasq() {
            Dnsmasq.assumeInstalled();
        }

        @Test
        void hostRecordsAnswerAAaaaAndPtr() throws IOException {
            try (Dnsmasq dnsmasq = Dnsmasq.builder().hostRecord("web.vip", "192.0.2.10", "2001:db8::10").start()) {
                DnsClient client = new DnsClient(dnsmasq.socketAddress());

                assertEquals(List.of("192.0.2.10"), addresses(client.resolve("web.vip", Type.A)));
                assertEquals(List.of("2001:db8:0:0:0:0:0:10"), addresses(client.resolve("web.vip", Type.AAAA)));
                Message ptr = client.resolve("10.2.0.192.in-addr.arpa", Type.PTR);
                assertEquals("web.vip.", ((PTRRecord) ptr.getSection(Section.ANSWER).get(0)).getTarget().toString());
            }
        }

        @Test
        void localDomainsAnswerNxdomainForUnknownNamesWhereOthersAreRefused() throws IOException {
            try (Dnsmasq dnsmasq = Dnsmasq.builder().hostRecord("web.vip", "192.0.2.10").local("vip").start()) {
                DnsClient client = new DnsClient(dnsmasq.socketAddress());

                assertEquals(Rcode.NXDOMAIN, client.resolve("nothing.vip", Type.A).getRcode());
                assertEquals(Rcode.REFUSED, client.resolve("nothing.example", Type.A).getRcode());
            }
        }

        @Test
        void addressCoversADomainAndAllBelowIt() throws IOException {
            try (Dnsmasq dnsmasq = Dnsmasq.builder().address("/wild.vip/192.0.2.99").start()) {
                DnsClient client = new DnsClient(dnsmasq.socketAddress());

                assertEquals(List.of("192.0.2.99"), addresses(client.resolve("wild.vip", Type.A)));
                assertEquals(List.of("192.0.2.99"), addresses(client.resolve("any.thing.wild.vip", Type.A)));
            }
        }

        @Test
        void cnamesOfHostRecordsAnswerTheChain() throws IOException {
            try (Dnsmasq dnsmasq = Dnsmasq.builder().hostRecord("web.vip", "192.0.2.10").cname("alias.vip", "web.vip").start()) {
                Message answer = new DnsClient(dnsmasq.socketAddress()).resolve("alias.vip", Type.A);

                assertEquals("web.vip.", ((CNAMERecord) answer.getSection(Section.ANSWER).get(0)).getTarget().toString());
                assertEquals(List.of("192.0.2.10"), addresses(answer));
            }
        }

        @Test
        void forwardsWhatItDoesNotKnowToAnUpstreamTestDnsServer() throws IOException {
            try (TestDnsServer upstream = TestDnsServer.start().a("api.svc", 60, "198.51.100.7");
                    Dnsmasq dnsmasq = Dnsmasq.builder().server(upstream).start()) {
                Message answer = new DnsClient(dnsmasq.socketAddress()).resolve("api.svc", Type.A);

                assertEquals(List.of("198.51.100.7"), addresses(answer));
                // dnsmasq's readiness probe is answered by dnsmasq itself, so the upstream saw this query only
                assertEquals(List.of("api.svc"), upstream.queries().stream().map(Question::name).toList());
            }
        }

        @Test
        void forwardsADomainToItsOwnUpstream() throws IOException {
            try (TestDnsServer upstream = TestDnsServer.start().a("api.svc", 60, "198.51.100.7");
                    Dnsmasq dnsmasq = Dnsmasq.builder().server("/svc/" + upstream.address().getHostAddress() + "#" + upstream.port()).start()) {
                DnsClient client = new DnsClient(dnsmasq.socketAddress());

                assertEquals(List.of("198.51.100.7"), addresses(client.resolve("api.svc", Type.A)));
                assertEquals(Rcode.REFUSED, client.resolve("api.example", Type.A).getRcode());
            }
        }

        @Test
        void restartsOnTheSamePort() throws IOException {
            try (Dnsmasq dnsmasq = Dnsmasq.builder().hostRecord("web.vip", "192.0.2.10").start()) {
                DnsClient client = new DnsClient(dnsmasq.socketAddress());
                Message query = DnsClient.query("web.vip", Type.A);

                dnsmasq.stop();
                assertThrows(IOException.class, () -> client.udp(query));

                dnsmasq.start();
                assertEquals(List.of("192.0.2.10"), addresses(client.resolve("web.vip", Type.A)));
                assertEquals("127.0.0.1:" + dnsmasq.port(), dnsmasq.endpoint());
            }
        }

        @Test
        void aConfigurationItRejectsFailsTheStartWithItsLog() {
            Dnsmasq.Builder builder = Dnsmasq.builder().option("no-such-option");

            IllegalStateException failure = assertThrows(IllegalStateException.class, builder::start);

            assertTrue(failure.getMessage().contains("1: no-such-option"), failure.getMessage());
            assertTrue(failure.getMessage().contains("bad option at line 1"), failure.getMessage());
        }
    }

    @Test
    void upstreamsMustBeOnLoopback() {
        Dnsmasq.Builder builder = Dnsmasq.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.server("192.0.2.1#53"));
        assertThrows(IllegalArgumentException.class, () -> builder.server("/vip/192.0.2.1"));
        assertDoesNotThrow(() -> builder.server("/vip/::1#5353").server("/local/"));
    }
}
