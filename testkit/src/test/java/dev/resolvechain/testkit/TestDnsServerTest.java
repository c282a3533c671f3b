package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class TestDnsServerTest {

    private final TestDnsServer server = TestDnsServer.start();
    private final DnsClient client = new DnsClient(server.socketAddress());

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void answersAddressesWithTheFlagsOfARecursiveServer() throws IOException {
        server.a("web.test", 60, "192.0.2.10", "192.0.2.11").aaaa("web.test", 30, "2001:db8::10");

        Message a = client.resolve("web.test", Type.A);
        Message aaaa = client.resolve("web.test", Type.AAAA);

        assertEquals(List.of("192.0.2.10", "192.0.2.11"), addresses(a));
        assertEquals(60, a.getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(List.of("2001:db8:0:0:0:0:0:10"), addresses(aaaa));
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD, Flags.RA}) {
            assertTrue(a.getHeader().getFlag(flag), Flags.string(flag));
        }
    }

    @Test
    void namesMatchWhateverTheirCaseAndTrailingDot() throws IOException {
        server.a("Web.Test.", 60, "192.0.2.10");

        assertEquals(List.of("192.0.2.10"), addresses(client.resolve("wEB.tesT", Type.A)));
    }

    @Test
    void followsCnameChainsWithinItsDataLikeARecursiveResolver() throws IOException {
        server.cname("www.test", 60, "edge.test").cname("edge.test", 60, "web.test").a("web.test", 60, "192.0.2.10");

        Message answer = client.resolve("www.test", Type.A);

        List<Record> records = answer.getSection(Section.ANSWER);
        assertEquals(3, records.size(), answer::toString);
        assertEquals("edge.test.", ((CNAMERecord) records.get(0)).getTarget().toString());
        assertEquals("web.test.", ((CNAMERecord) records.get(1)).getTarget().toString());
        assertEquals(List.of("192.0.2.10"), addresses(answer));
    }

    @Test
    void cnameToAnUnknownNameIsTheChainThenNxdomain() throws IOException {
        server.soa("test", 30).cname("www.test", 60, "gone.test");

        Message answer = client.resolve("www.test", Type.A);

        assertEquals(Rcode.NXDOMAIN, answer.getRcode());
        assertEquals(Type.CNAME, answer.getSection(Section.ANSWER).get(0).getType());
        assertEquals(Type.SOA, answer.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void cnameLoopIsAnsweredNotFollowedForever() throws IOException {
        server.cname("ping.test", 60, "pong.test").cname("pong.test", 60, "ping.test");

        Message answer = client.resolve("ping.test", Type.A);

        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).stream().allMatch(record -> record.getType() == Type.CNAME));
    }

    @Test
    void unknownNameIsNxdomainWithTheSoaOfTheEnclosingZone() throws IOException {
        server.soa("test", 30).a("web.test", 60, "192.0.2.10");

        Message answer = client.resolve("nothing.here.test", Type.A);

        assertEquals(Rcode.NXDOMAIN, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
        SOARecord soa = (SOARecord) answer.getSection(Section.AUTHORITY).get(0);
        assertEquals("test.", soa.getName().toString());
        assertEquals(30, soa.getMinimum());
    }

    @Test
    void knownNameWithoutTheAskedTypeIsNodataWithSoa() throws IOException {
        server.soa("test", 30).a("web.test", 60, "192.0.2.10");

        Message answer = client.resolve("web.test", Type.AAAA);

        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, answer.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void negativeAnswersOutsideAnyZoneCarryNoSoa() throws IOException {
        server.soa("test", 30);

        Message answer = client.resolve("web.example", Type.A);

        assertEquals(Rcode.NXDOMAIN, answer.getRcode());
        assertTrue(answer.getSection(Section.AUTHORITY).isEmpty());
    }

    @Test
    void ptrRecordsUnderAReverseNameOrAnAddress() throws IOException {
        server.ptr("10.2.0.192.in-addr.arpa", 60, "web.test").ptr("2001:db8::10", 60, "web6.test");

        Message v4 = client.resolve("10.2.0.192.in-addr.arpa", Type.PTR);
        Message v6 = client.resolve("0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", Type.PTR);

        assertEquals("web.test.", ((PTRRecord) v4.getSection(Section.ANSWER).get(0)).getTarget().toString());
        assertEquals("web6.test.", ((PTRRecord) v6.getSection(Section.ANSWER).get(0)).getTarget().toString());
    }

    @Test
    void recordsOfANameAndTypeAreReplacedAndNamesRemoved() throws IOException {
        server.a("web.test", 60, "192.0.2.10").aaaa("web.test", 60, "2001:db8::10");

        server.a("web.test", 60, "192.0.2.20");
        assertEquals(List.of("192.0.2.20"), addresses(client.resolve("web.test", Type.A)));
        assertEquals(1, client.resolve("web.test", Type.AAAA).getSection(Section.ANSWER).size());

        server.a("web.test", 60);
        assertEquals(Rcode.NOERROR, client.resolve("web.test", Type.A).getRcode());
        assertTrue(client.resolve("web.test", Type.A).getSection(Section.ANSWER).isEmpty());

        server.remove("web.test");
        assertEquals(Rcode.NXDOMAIN, client.resolve("web.test", Type.AAAA).getRcode());
    }

    @Test
    void largeAnswersAreTruncatedOverUdpSoClientsFallBackToTcp() throws IOException {
        String[] many = manyAddresses(100);
        server.a("big.test", 60, many);

        Message overUdp = new Message(client.udp(DnsClient.query("big.test", Type.A)));
        Message resolved = client.resolve("big.test", Type.A);

        assertTrue(overUdp.getHeader().getFlag(Flags.TC));
        assertEquals(many.length, resolved.getSection(Section.ANSWER).size());
        assertEquals(List.of("udp", "udp", "tcp"), server.queries().stream().map(Question::transport).toList());
    }

    @Test
    void ednsQueriesGetOptBackAndUdpAnswersUpToTheirSize() throws IOException {
        server.a("big.test", 60, manyAddresses(100));
        Message query = DnsClient.query("big.test", Type.A);
        query.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);

        Message answer = new Message(client.udp(query));
        Message classic = new Message(client.udp(DnsClient.query("big.test", Type.A)));

        assertNotNull(answer.getOPT());
        assertFalse(answer.getHeader().getFlag(Flags.TC));
        assertEquals(100, answer.getSection(Section.ANSWER).size());
        assertNull(classic.getOPT());
    }

    @Test
    void logsEveryQueryWithTypeTransportAndSourcePort() throws IOException {
        server.a("web.test", 60, "192.0.2.10");
        try (DatagramSocket socket = new DatagramSocket()) {
            client.udp(socket, DnsClient.query("WEB.test", Type.AAAA), DnsClient.TIMEOUT);
            client.tcp(DnsClient.query("web.test", Type.A));

            assertEquals(new Question("web.test", "AAAA", "udp", socket.getLocalPort()), server.queries().get(0));
            Question overTcp = server.queries().get(1);
            assertEquals("A", overTcp.type());
            assertEquals("tcp", overTcp.transport());
        }
        assertEquals(2, server.queryCount());

        server.clearQueries();
        server.recordQueries(false);
        client.resolve("web.test", Type.A);

        assertEquals(List.of(), server.queries());
        assertEquals(1, server.queryCount());
    }

    @Test
    void stoppedServerIsUnreachableAndRestartsOnTheSamePort() throws IOException {
        server.a("web.test", 60, "192.0.2.10");
        Message query = DnsClient.query("web.test", Type.A);

        server.stop();

        assertThrows(PortUnreachableException.class, () -> client.udp(query));
        assertThrows(ConnectException.class, () -> client.tcp(query));

        server.restart();

        assertEquals(List.of("192.0.2.10"), addresses(new Message(client.udp(query))));
        assertEquals(List.of("192.0.2.10"), addresses(new Message(client.tcp(query))));
    }

    @Test
    void runsOnDaemonThreadsNamedAfterItsPort() throws IOException {
        client.resolve("web.test", Type.A);

        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("test-dns-" + server.port()))
                .toList();

        assertFalse(threads.isEmpty());
        assertTrue(threads.stream().allMatch(Thread::isDaemon));
    }

    @Test
    void endpointNamesAddressAndPort() {
        assertEquals("127.0.0.1:" + server.port(), server.endpoint());
    }

    @Test
    void servesOnIpv6Loopback() throws IOException {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        TestDnsServer v6;
        try {
            v6 = TestDnsServer.start(ipv6Loopback, 0);
        } catch (UncheckedIOException e) {
            Requirements.require(false, "no IPv6 loopback here: " + e);
            return;
        }
        try (v6) {
            v6.a("web.test", 60, "192.0.2.10");

            assertEquals("[0:0:0:0:0:0:0:1]:" + v6.port(), v6.endpoint());
            assertEquals(List.of("192.0.2.10"), addresses(new DnsClient(v6.socketAddress()).resolve("web.test", Type.A)));
        }
    }

    static List<String> addresses(Message answer) {
        return answer.getSection(Section.ANSWER).stream()
                .map(record -> record instanceof ARecord a ? a.getAddress().getHostAddress()
                        : record instanceof AAAARecord aaaa ? aaaa.getAddress().getHostAddress() : null)
                .filter(address -> address != null)
                .toList();
    }

    private static String[] manyAddresses(int count) {
        String[] addresses = new String[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = "198.51.100." + (i + 1);
        }
        return addresses;
    }
}
