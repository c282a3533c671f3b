package dev.resolvechain.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.dns.ResolvConf;
import dev.resolvechain.testkit.DnsServerProcess;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.LossyRelay;
import dev.resolvechain.testkit.Netns;
import dev.resolvechain.testkit.ServerProcess;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.Endpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host tier against nameservers that are not on loopback, in a network namespace of the
 * test's own reached over a veth pair, where the kernel behaves as on a real network (no route, a
 * silent neighbour, ICMP): dnsmasq as the healthy server, the project's fault server as the
 * failing one, and relays that lose 30 % of the datagrams each way in front of dnsmasq. The tier
 * runs in this JVM, every server inside. Needs root, iproute2 and dnsmasq: skipped without them,
 * failed in CI ({@code Requirements}).
 */
class HostTierNetnsTest {
    private static final String NAME = "web.test";
    private static final InetAddress ANSWER = IpLiteral.parse("192.0.2.10");
    private static Netns netns;
    private static Dnsmasq healthy;
    private static ServerProcess faulty;
    private static ServerProcess lossyRelay;
    private static ServerProcess otherLossyRelay;
    private final List<DnsTier> tiers = new ArrayList<>();

    @BeforeAll
    static void servers() throws InterruptedException {
        Dnsmasq.assumeInstalled();
        netns = Netns.builder().links(4).create();
        Dnsmasq.Builder dnsmasq = Dnsmasq.builder().inside(netns, netns.inside(0)).local("test").hostRecord(NAME, ANSWER.getHostAddress());
        List<String> records = new ArrayList<>(List.of("--listen", netns.inside(1).getHostAddress() + ":53", "--ttl", "0", "--soa", "test",
                "--a", NAME + "=" + ANSWER.getHostAddress()));
        for (int i = 0; i < 100; i++) {
            dnsmasq.hostRecord("n" + i + ".test", "192.0.2." + (100 + i));
            records.addAll(List.of("--a", "n" + i + ".test=192.0.2." + (100 + i)));
        }
        healthy = dnsmasq.start();
        faulty = ServerProcess.start(DnsServerProcess.launch(Jdk.current(), records.toArray(String[]::new)).via(netns.via()));
        lossyRelay = relay(2);
        otherLossyRelay = relay(3);
    }

    /** A relay on link {@code link} in front of dnsmasq that loses 30 % of the datagrams each way. */
    private static ServerProcess relay(int link) throws InterruptedException {
        return ServerProcess.start(LossyRelay.launch(Jdk.current(), "--listen", netns.inside(link).getHostAddress() + ":53",
                "--upstream", netns.inside(0).getHostAddress() + ":53", "--loss", "0.3").via(netns.via()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {lossyRelay, otherLossyRelay, healthy, faulty, netns}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the others are still closed
            }
        }
    }

    @AfterEach
    void closeTiers() throws InterruptedException {
        tiers.forEach(DnsTier::close);
        faulty.command("fault none");
    }

    private DnsTier tier(InetAddress... servers) {
        List<Endpoint> nameservers = new ArrayList<>();
        for (InetAddress server : servers) {
            nameservers.add(new Endpoint(server, 53));
        }
        DnsTier tier = new DnsTier(ResolvConf.parse("", "test.conf", Map.of()), nameservers, List.of(), null, new DnsCache());
        tiers.add(tier);
        return tier;
    }

    private static Verdict lookup(DnsTier tier, String name) {
        return tier.resolve(Query.forward(name, AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(3))));
    }

    private static int count(ServerProcess server) throws InterruptedException {
        return Integer.parseInt(server.command("count").split(" ")[1]);
    }

    @SuppressWarnings("unchecked")
    private static String health(DnsTier tier, int server) {
        return ((List<String>) tier.settings().get("nameserverHealth")).get(server);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - end < 0, "not within 5 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aSilentFirstServerOverTheLinkIsPassedThenAskedLastAndFoundAgainWhenItAnswers() throws InterruptedException {
        faulty.command("fault drop");
        DnsTier tier = tier(netns.inside(1), netns.inside(0));
        int before = count(faulty);

        for (int i = 0; i < 10; i++) {
            Verdict verdict = lookup(tier, "n" + i + ".test");
            assertEquals(Outcome.ANSWER, verdict.outcome(), verdict.detail());
        }
        int asked = count(faulty) - before;
        assertTrue(health(tier, 0).contains("down since"), health(tier, 0));
        assertTrue(asked <= 6, "asked by 2 lookups until it was down, then only by the probe (every 500 ms): " + asked);

        faulty.command("fault none");
        await(() -> health(tier, 0).contains(": up"), "the probe finds it answering: " + health(tier, 0));
        int beforeAgain = count(faulty);
        lookup(tier, "n20.test");
        assertTrue(count(faulty) > beforeAgain, "asked first again");
    }

    @Test
    void aNeighbourThatDoesNotExistIsSilenceAndTheNextServerAnswers() {
        InetAddress absent = netns.spare(1);
        netns.route(absent.getHostAddress() + "/32 dev " + netns.hostInterface()); // ARP asks, nobody answers
        DnsTier tier = tier(absent, netns.inside(0));

        Verdict verdict = lookup(tier, NAME);

        assertEquals(List.of(ANSWER), verdict.addresses(), verdict.detail());
    }

    @Test
    void blackholeAndUnreachableRoutesFailAtOnceAndTheNextServerAnswers() {
        InetAddress blackhole = netns.spare(2);
        InetAddress unreachable = netns.spare(3);
        netns.route("blackhole " + blackhole.getHostAddress() + "/32");
        netns.route("unreachable " + unreachable.getHostAddress() + "/32");
        DnsTier tier = tier(blackhole, unreachable, netns.inside(0));

        Verdict verdict = lookup(tier, NAME);

        assertEquals(List.of(ANSWER), verdict.addresses(), verdict.detail());
        assertTrue(health(tier, 0).contains("1 failure: cannot be reached"), health(tier, 0));
        assertTrue(health(tier, 1).contains("1 failure: cannot be reached: No route to host"), health(tier, 1));

        Verdict none = lookup(tier(blackhole, unreachable), NAME);
        assertEquals(Outcome.FAIL, none.outcome());
        assertTrue(none.detail().contains("cannot be reached"), none.detail());
    }

    @Test
    void withThirtyPercentLossOnBothServersLookupsStillSucceed() {
        DnsTier tier = tier(netns.inside(2), netns.inside(3));
        int answered = 0;
        for (int i = 0; i < 100; i++) {
            answered += lookup(tier, "n" + i + ".test").outcome() == Outcome.ANSWER ? 1 : 0;
        }
        assertTrue(answered >= 99, answered + " of 100 answered with 30 % of datagrams lost each way");
    }
}
