package dev.resolvechain.testkit;

import static dev.resolvechain.testkit.TestDnsServerTest.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.Jdk;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

class LossyRelayTest {

    private final TestDnsServer upstream = TestDnsServer.start().a("web.test", 60, "192.0.2.10");
    private final LossyRelay relay = LossyRelay.start(new InetSocketAddress(upstream.address(), 0), upstream.socketAddress());
    private final DnsClient client = new DnsClient(relay.socketAddress());
    private final Message query = DnsClient.query("web.test", Type.A);

    @AfterEach
    void close() {
        relay.close();
        upstream.close();
    }

    @Test
    void relaysEachClientsQueriesAndTheirAnswersBack() throws Exception {
        assertEquals(List.of("192.0.2.10"), addresses(client.resolve("web.test", Type.A)));
        assertEquals(100, client.answeredOf(100, query));

        assertEquals(new LossyRelay.Counts(101, 101, 101, 101), relay.counts());
        assertEquals(101, upstream.queryCount());
    }

    @Test
    void losesAboutTheShareOfDatagramsEachWay() throws Exception {
        int queries = 400;
        relay.loss(0.3);

        int answered = client.answeredOf(queries, query);

        LossyRelay.Counts counts = relay.counts();
        assertEquals(queries, counts.fromClients());
        assertEquals(upstream.queryCount(), counts.toUpstream());
        assertEquals(counts.toUpstream(), counts.fromUpstream());
        assertEquals(answered, counts.toClients());
        // 70 % expected each way, 280 of 400 (standard deviation 9) and 196 answered (standard deviation 10)
        assertTrue(counts.toUpstream() > 230 && counts.toUpstream() < 330, counts::toString);
        assertTrue(answered > 130 && answered < 260, counts::toString);
    }

    @Test
    void delaysEachWay() throws Exception {
        Duration delay = Duration.ofMillis(200);
        relay.delay(delay);

        long sent = System.nanoTime();
        assertEquals(List.of("192.0.2.10"), addresses(client.resolve("web.test", Type.A)));

        assertTrue(Duration.ofNanos(System.nanoTime() - sent).compareTo(delay.multipliedBy(2)) >= 0);
    }

    @Test
    void runsInsideANamespaceInFrontOfDnsmasq() throws Exception {
        Dnsmasq.assumeInstalled();
        try (Netns netns = Netns.builder().links(2).create();
             Dnsmasq dnsmasq = Dnsmasq.builder().inside(netns, netns.inside(1)).hostRecord("web.test", "192.0.2.10").start();
             ServerProcess relayInside = ServerProcess.start(LossyRelay.launch(Jdk.current(),
                     "--listen", netns.address().getHostAddress() + ":53", "--upstream", dnsmasq.endpoint(), "--delay", "10ms")
                     .via(netns.via()))) {
            DnsClient throughRelay = new DnsClient(relayInside.socketAddress());

            assertEquals(List.of("192.0.2.10"), addresses(throughRelay.resolve("web.test", Type.A)));
            assertEquals("COUNT 1 1 1 1", relayInside.command("count"));
            assertEquals("LOSS 1.0", relayInside.command("loss 1"));
            assertThrows(SocketTimeoutException.class, () -> throughRelay.udp(query));
            assertEquals("COUNT 2 1 1 1", relayInside.command("count"));
            assertEquals("DELAY 50ms", relayInside.command("delay 50ms"));
        }
    }
}
