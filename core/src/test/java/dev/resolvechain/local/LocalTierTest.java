package dev.resolvechain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Verdict;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.dns.LocalClientNames;
import dev.resolvechain.dns.ResolvConf;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local tier against a real local client stand-in on loopback. */
class LocalTierTest {
    private final LocalFixture fixture = new LocalFixture();
    private final TestDnsServer client = fixture.server;

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private LocalTier tier(OnDown onDown, String... domains) {
        return fixture.tier(fixture.options(domains).withOnDown(onDown));
    }

    private static Query forward(String name) {
        return Query.forward(name, AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(10)));
    }

    @Test
    void answersNamesUnderItsDomains() {
        client.a("svc.vip", 30, "10.1.0.1");

        Verdict verdict = tier(OnDown.FAIL, "vip").resolve(forward("svc.vip"));

        assertEquals(Outcome.ANSWER, verdict.outcome());
        assertEquals(List.of(IpLiteral.parse("10.1.0.1")), verdict.addresses());
        assertEquals("A for svc.vip from " + client.endpoint() + " (ttl 30 s)", verdict.detail());
    }

    @Test
    void leavesOtherNamesAloneWithoutAsking() {
        Verdict verdict = tier(OnDown.FAIL, "vip").resolve(forward("web.example"));

        assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
        assertEquals(0, client.queryCount());
    }

    @Test
    void sendsTheNameAsGivenOnce() {
        client.fault(Fault.servfail());

        tier(OnDown.FALLTHROUGH, "*").resolve(forward("svc"));

        assertEquals(List.of("svc"), client.queries().stream().map(Question::name).toList());
    }

    @Test
    void isAuthoritativeForAnExplicitDomainList() {
        Verdict verdict = tier(OnDown.FALLTHROUGH, "corp", "vip").resolve(forward("x.vip"));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("local client " + client.endpoint() + " says NXDOMAIN for x.vip (final: vip is in local.domains)", verdict.detail());
    }

    @Test
    void noDataIsFinalTooForAnExplicitDomainList() {
        client.aaaa("v6only.vip", 30, "fd00::1");

        Verdict verdict = tier(OnDown.FALLTHROUGH, "vip").resolve(forward("v6only.vip"));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(verdict.detail().contains("says NODATA for v6only.vip"), verdict.detail());
    }

    @Test
    void withStarAnUnknownNameFallsThrough() {
        Verdict verdict = tier(OnDown.FAIL, "*").resolve(forward("web.example"));

        assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
        assertTrue(verdict.detail().startsWith("local client " + client.endpoint() + " says NXDOMAIN for web.example"), verdict.detail());
    }

    @Test
    void aClientThatIsDownFallsThroughOrFailsAsConfigured() {
        for (Fault fault : List.of(Fault.drop(), Fault.servfail(), Fault.refused(), Fault.garbage())) {
            client.fault(fault);

            Verdict passes = tier(OnDown.FALLTHROUGH, "vip").resolve(forward("svc.vip"));
            Verdict fails = tier(OnDown.FAIL, "vip").resolve(forward("svc.vip"));

            assertEquals(Outcome.FALLTHROUGH, passes.outcome(), fault.toString());
            assertEquals(Outcome.FAIL, fails.outcome(), fault.toString());
            assertTrue(passes.detail().startsWith("local client " + client.endpoint() + " did not answer: "), passes.detail());
            assertTrue(fails.detail().startsWith("local client " + client.endpoint() + " did not answer: "), fails.detail());
        }
    }

    @Test
    void aStoppedClientIsReportedAsSuch() {
        client.stop();

        Verdict verdict = tier(OnDown.FALLTHROUGH, "vip").resolve(forward("svc.vip"));

        assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
        assertTrue(verdict.detail().contains("port unreachable"), verdict.detail());
    }

    @Test
    void answersReverseQueriesUnderItsDomains() {
        client.ptr("1.0.1.10.in-addr.arpa", 30, "svc.vip");
        Query reverse = Query.reverse(new byte[] {10, 1, 0, 1}, Deadline.after(Duration.ofSeconds(10)));

        assertEquals("svc.vip", tier(OnDown.FAIL, "*").resolve(reverse).hostName());
        assertEquals("svc.vip", tier(OnDown.FAIL, "10.in-addr.arpa").resolve(reverse).hostName());
        assertEquals(Outcome.FALLTHROUGH, tier(OnDown.FAIL, "vip").resolve(reverse).outcome());
    }

    @Test
    void cachesWhatTheClientSays() {
        client.a("svc.vip", 30, "10.1.0.1");
        LocalTier tier = tier(OnDown.FAIL, "vip");
        tier.resolve(forward("svc.vip"));

        Verdict again = tier.resolve(forward("svc.vip"));

        assertEquals(1, client.queryCount());
        assertTrue(again.detail().contains("(cached, "), again.detail());
    }

    @Test
    void inAChainTheDnsTierDoesNotAskTheLocalClientAgain() {
        TestDnsServer host = TestDnsServer.start();
        try (host) {
            host.a("web.example", 60, "10.2.0.1");
            Endpoint local = Endpoint.parse(client.endpoint());
            DnsTier dns = new DnsTier(ResolvConf.parse("", "test.conf", Map.of()),
                    List.of(local, Endpoint.parse(host.endpoint())), List.of(), new LocalClientNames(local, List.of("*")), new DnsCache());
            ResolveChain chain = new ResolveChain(List.of(tier(OnDown.FAIL, "*"), dns), Duration.ofSeconds(10));

            Resolution resolution = chain.lookup("web.example", AddressPolicy.IPV4_ONLY);

            assertEquals("dns", resolution.answeredBy());
            assertEquals(List.of(IpLiteral.parse("10.2.0.1")), resolution.addresses());
            assertEquals(1, client.queryCount(), "asked once, by the local tier");
        }
    }

    @Test
    void concurrentLookupsOfANameWithTtlZeroShareOneQuery() throws Exception {
        // 100 ms: every lookup starts while the first query is out; TTL 0: nothing is cached between them
        client.a("flap.vip", 0, "10.1.0.9").fault(Fault.delay(Duration.ofMillis(100)));
        LocalTier tier = tier(OnDown.FAIL, "vip");
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Verdict>> lookups = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                lookups.add(pool.submit(() -> {
                    start.await();
                    return tier.resolve(forward("flap.vip"));
                }));
            }
            start.countDown();
            for (Future<Verdict> lookup : lookups) {
                assertEquals(List.of(IpLiteral.parse("10.1.0.9")), lookup.get().addresses());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(client.queryCount() <= 3, "200 concurrent lookups share the query in flight: " + client.queryCount() + " queries");
    }
}
