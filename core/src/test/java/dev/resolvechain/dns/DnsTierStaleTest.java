package dev.resolvechain.dns;

import static dev.resolvechain.dns.DnsTierTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Verdict;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.wire.DnsCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serve-stale (RFC 8767): when every host nameserver fails, a recently expired answer is served and the failure logged. */
class DnsTierStaleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String FAST = "options timeout:1 attempts:1\n";

    private final TestDnsServer server = TestDnsServer.start();
    private final AtomicLong now = new AtomicLong(System.nanoTime());
    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        server.close();
    }

    private DnsTier tier(Duration staleWindow) {
        DnsCache cache = new DnsCache(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5), 100, staleWindow, now::get);
        return new DnsTier(ResolvConf.parse(FAST + "search corp\n", "test.conf", Map.of()), List.of(DnsTierTest.endpoint(server)), List.of(),
                null, cache);
    }

    private static Verdict lookup(DnsTier tier, String name) {
        return tier.resolve(DnsTierTest.forward(name, AddressPolicy.IPV4_ONLY));
    }

    @Test
    void whenEveryServerFailsALastGoodAnswerIsServedAndTheFailureLogged() {
        server.a("web.corp", 10, "10.0.0.1");
        DnsTier tier = tier(Duration.ofMinutes(5));
        assertEquals(Outcome.ANSWER, lookup(tier, "web.corp").outcome());
        now.addAndGet(30 * SECOND);
        server.fault(Fault.servfail());

        try (LogCapture log = LogCapture.start()) {
            Verdict stale = lookup(tier, "web");

            assertEquals(List.of(ip("10.0.0.1")), stale.addresses());
            assertEquals("no answer for web.corp: " + server.endpoint() + " SERVFAIL; its last good answer is served: A for web.corp from "
                    + server.endpoint() + " (stale, 20 s past its TTL)", stale.detail());
            assertEquals(1, log.containing("WARN dns: every server failed, a stale answer is served: no answer for web.corp").size(),
                    log.messages().toString());

            lookup(tier, "web.corp");
            assertEquals(1, log.containing("stale answer is served").size(), "logged at most once per 10 s");
        }
    }

    @Test
    void afterAFailureTheStaleAnswerIsServedAtOnceWithoutAskingAgain() {
        server.a("web.corp", 10, "10.0.0.1");
        DnsTier tier = tier(Duration.ofMinutes(5));
        lookup(tier, "web.corp.");
        now.addAndGet(30 * SECOND);
        server.fault(Fault.drop());
        assertEquals(List.of(ip("10.0.0.1")), lookup(tier, "web.corp.").addresses());
        int asked = server.queryCount();
        long start = System.nanoTime();

        Verdict again = lookup(tier, "web.corp.");

        assertTrue((System.nanoTime() - start) / 1_000_000 < 500, "no timeout waited again");
        assertEquals(asked, server.queryCount(), "the failing server is not asked again within 30 s (RFC 8767's failure recheck)");
        assertEquals(List.of(ip("10.0.0.1")), again.addresses());
        assertTrue(again.detail().startsWith("every server failed for web.corp 0 s ago; not asked again within 30 s of that (RFC 8767),"
                + " its last good answer is served: A for web.corp from " + server.endpoint() + " (stale, 20 s past its TTL)"), again.detail());
        assertEquals(Outcome.FAIL, lookup(tier, "other.corp.").outcome(), "other names are asked as ever");
    }

    @Test
    void pastTheStaleWindowTheFailureStands() {
        server.a("web.corp", 10, "10.0.0.1");
        DnsTier tier = tier(Duration.ofSeconds(60));
        lookup(tier, "web.corp.");
        now.addAndGet(71 * SECOND);
        server.fault(Fault.servfail());

        Verdict verdict = lookup(tier, "web.corp.");

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("no answer for web.corp: " + server.endpoint() + " SERVFAIL", verdict.detail());
    }

    @Test
    void anAnswerIsNotStaleWhileTheServersAnswerNxdomain() {
        server.a("web.corp", 10, "10.0.0.1").soa("corp", 30);
        DnsTier tier = tier(Duration.ofMinutes(5));
        lookup(tier, "web.corp");
        now.addAndGet(30 * SECOND);
        server.remove("web.corp");

        Verdict verdict = lookup(tier, "web.corp");

        assertEquals(Outcome.FAIL, verdict.outcome(), "the name is gone: its old address is not served");
        assertTrue(verdict.detail().startsWith("NXDOMAIN for web.corp"), verdict.detail());
    }

    @Test
    void aSilentServerGivesTheStaleAnswerAtItsTimeout() {
        server.a("web.corp", 10, "10.0.0.1");
        DnsTier tier = tier(Duration.ofMinutes(5));
        lookup(tier, "web.corp");
        now.addAndGet(30 * SECOND);
        server.fault(Fault.drop());
        long start = System.nanoTime();

        Verdict verdict = tier.resolve(Query.forward("web.corp", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofMillis(400))));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1100, "within the deadline");
        assertTrue(verdict.detail().contains("timed out after"), verdict.detail());
    }

    @Test
    void reverseLookupsAreServedStaleToo() {
        server.ptr("10.0.0.1", 10, "web.corp");
        DnsTier tier = tier(Duration.ofMinutes(5));
        byte[] address = {10, 0, 0, 1};
        assertEquals("web.corp", tier.resolve(Query.reverse(address, Deadline.after(Duration.ofSeconds(5)))).hostName());
        now.addAndGet(20 * SECOND);
        server.fault(Fault.refused());

        Verdict verdict = tier.resolve(Query.reverse(address, Deadline.after(Duration.ofSeconds(5))));

        assertEquals("web.corp", verdict.hostName());
        assertTrue(verdict.detail().contains("REFUSED; its last good answer is served: PTR for 1.0.0.10.in-addr.arpa"), verdict.detail());
    }

    private ResolveChain chain(String settings) throws Exception {
        Files.writeString(dir.resolve("hosts"), "");
        Files.writeString(dir.resolve("resolv.conf"), FAST);
        return ChainFactory.create(ConfigLoader.load("hostsFile=" + dir.resolve("hosts") + ";resolvConf=" + dir.resolve("resolv.conf")
                + ";nameservers=" + server.endpoint() + settings, Map.of(), Map.of()), Map.of());
    }

    @Test
    void dnsStaleTtlConfiguresItAndZeroTurnsItOff() throws Exception {
        server.a("web.corp", 1, "10.0.0.1");
        try (ResolveChain on = chain(""); ResolveChain off = chain(";dns.staleTtl=0")) {
            assertTrue(on.lookup("web.corp", AddressPolicy.IPV4_ONLY).resolved());
            assertTrue(off.lookup("web.corp", AddressPolicy.IPV4_ONLY).resolved());
            Thread.sleep(1100);
            server.fault(Fault.servfail());

            Resolution stale = on.lookup("web.corp", AddressPolicy.IPV4_ONLY);
            assertEquals("dns", stale.answeredBy(), stale.failureReason());
            assertTrue(stale.steps().get(1).detail().matches(".*\\(stale, \\d+ s past its TTL\\)"), stale.steps().toString());

            Resolution failed = off.lookup("web.corp", AddressPolicy.IPV4_ONLY);
            assertEquals("dns: no answer for web.corp: " + server.endpoint() + " SERVFAIL", failed.failureReason());
        }
    }
}
