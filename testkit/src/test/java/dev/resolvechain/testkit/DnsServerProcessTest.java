package dev.resolvechain.testkit;

import static dev.resolvechain.testkit.TestDnsServerTest.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmResult;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsServerProcessTest {

    @Test
    void servesInsideANamespaceOnItsVethAddressAndPort53() throws Exception {
        try (Netns netns = Netns.create();
             ServerProcess dns = ServerProcess.start(DnsServerProcess.launch(Jdk.current(),
                     "--listen", netns.address().getHostAddress() + ":53", "--soa", "test", "--ttl", "30",
                     "--a", "web.test=192.0.2.10,192.0.2.11", "--aaaa", "web.test=2001:db8::10", "--cname", "www.test=web.test")
                     .via(netns.via()))) {
            DnsClient client = new DnsClient(new InetSocketAddress(netns.address(), 53));

            assertEquals(new InetSocketAddress(netns.address(), 53), dns.socketAddress());
            Message a = client.resolve("web.test", Type.A);
            assertEquals(List.of("192.0.2.10", "192.0.2.11"), addresses(a));
            assertEquals(30, a.getSection(Section.ANSWER).get(0).getTTL());
            assertEquals(List.of("2001:db8:0:0:0:0:0:10"), addresses(client.resolve("www.test", Type.AAAA)));
            assertEquals(List.of("192.0.2.10", "192.0.2.11"), addresses(new Message(client.tcp(DnsClient.query("web.test", Type.A)))));
            assertEquals(Rcode.NXDOMAIN, client.resolve("nothing.test", Type.A).getRcode());
            assertEquals("COUNT 4", dns.command("count"));

            assertEquals("FAULT servfail", dns.command("fault servfail"));
            assertEquals(Rcode.SERVFAIL, client.resolve("web.test", Type.A).getRcode());
            assertEquals("FAULT www.test=refused", dns.command("fault www.test=refused"));
            assertEquals("FAULT none", dns.command("fault none"));
            assertEquals(Rcode.REFUSED, client.resolve("www.test", Type.A).getRcode());
            assertEquals(Rcode.NOERROR, client.resolve("web.test", Type.A).getRcode());
            assertEquals("FAULT oversized", dns.command("fault oversized"));
            assertTrue(client.udp(DnsClient.query("web.test", Type.A)).length > 4096, "fragmented over the veth and put together again");
            assertThrows(IllegalArgumentException.class, () -> dns.command("fault sometimes"));
            assertThrows(IllegalArgumentException.class, () -> dns.command("reboot"));

            assertEquals(0, dns.stop().exitCode());
        }
    }

    @Test
    void startsWithTheFaultGivenOnAnEphemeralLoopbackPort() throws Exception {
        try (ServerProcess dns = ServerProcess.start(DnsServerProcess.launch(Jdk.current(), "--a", "web.test=192.0.2.10", "--fault", "drop"))) {
            DnsClient client = new DnsClient(dns.socketAddress());

            assertEquals("127.0.0.1", dns.socketAddress().getAddress().getHostAddress());
            assertThrows(SocketTimeoutException.class, () -> client.udp(DnsClient.query("web.test", Type.A)));
            assertEquals("COUNT 1", dns.command("count"));
            assertEquals("FAULT delay:100ms", dns.command("fault delay:100ms"));
            assertEquals(List.of("192.0.2.10"), addresses(client.resolve("web.test", Type.A)));
        }
    }

    @Test
    void wrongArgumentsEndItWithTheUsage() {
        JvmResult result = DnsServerProcess.launch(Jdk.current(), "--a", "web.test=not-an-address").run();

        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().contains("usage: DnsServerProcess"), result::describe);
    }
}
