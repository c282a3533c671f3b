package dev.resolvechain.dns;

import static dev.resolvechain.dns.DnsTierTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover among the host nameservers within the lookup's deadline, and their health: a server
 * that fails lookups in a row is asked last until a probe finds it answering again. Real servers
 * on loopback; resolv.conf's defaults (timeout 5 s, attempts 2) unless a test says otherwise.
 */
class FailoverTest extends TwoServers {
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(3);
    private final TestDnsServer third = TestDnsServer.start();

    @AfterEach
    void stopThird() {
        third.close();
    }

    private static Verdict lookup(DnsTier tier, String name) {
        return tier.resolve(Query.forward(name, AddressPolicy.IPV4_ONLY, Deadline.after(LOOKUP_TIMEOUT)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> health(DnsTier tier) {
        return (List<String>) tier.settings().get("nameserverHealth");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - end < 0, "not within 5 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aSilentFirstServerWithResolvConfsFiveSecondTimeoutStillLetsTheSecondAnswerWithinTheLookupTimeout() {
        server.fault(Fault.drop());
        other.a("web.test", 60, "192.0.2.10");
        DnsTier tier = tier("", server, other);

        Verdict verdict = lookup(tier, "web.test");

        assertEquals(List.of(ip("192.0.2.10")), verdict.addresses(), verdict.detail());
        assertTrue(verdict.detail().contains("from " + other.endpoint()), verdict.detail());
    }

    @Test
    void afterMaxFailsLookupsTheSilentServerIsAskedLastAndNoMore() {
        server.fault(Fault.drop());
        for (int i = 0; i < 10; i++) {
            other.a("name-" + i + ".test", 60, "192.0.2." + i);
        }
        DnsTier tier = tier("", server, other);
        lookup(tier, "name-0.test");
        lookup(tier, "name-1.test");
        int askedWhileUp = server.queryCount();
        assertTrue(health(tier).get(0).startsWith(server.endpoint() + ": down since "), health(tier).toString());
        assertEquals(1, tier.problems().size(), tier.problems().toString());
        assertTrue(tier.problems().get(0).startsWith("dns: nameserver " + server.endpoint() + ": down since "), tier.problems().toString());

        for (int i = 2; i < 10; i++) {
            assertEquals(List.of(ip("192.0.2." + i)), lookup(tier, "name-" + i + ".test").addresses());
        }

        assertEquals(askedWhileUp, server.queryCount(), "down after 2 failed lookups (dns.maxFails): the others go to the next server first");
        assertTrue(health(tier).get(0).contains("2 failures in a row, the last: timed out after "), health(tier).toString());
    }

    @Test
    void everyServerGetsItsChanceWithinTheDeadline() {
        server.fault(Fault.drop());
        other.fault(Fault.drop());
        third.a("web.test", 60, "192.0.2.30");
        DnsTier tier = tier("", server, other, third);

        Verdict verdict = tier.resolve(Query.forward("web.test", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofMillis(900))));

        assertEquals(List.of(ip("192.0.2.30")), verdict.addresses(), verdict.detail());
    }

    @Test
    void aRefusingOrFailingFirstServerMovesOnAtOnce() {
        for (Fault fault : List.of(Fault.refused(), Fault.servfail())) {
            server.fault(fault);
            other.a("web.test", 60, "192.0.2.10");
            DnsTier tier = tier("", server, other);

            Verdict verdict = lookup(tier, "web.test");

            assertEquals(List.of(ip("192.0.2.10")), verdict.addresses(), fault + ": " + verdict.detail());
            assertTrue(health(tier).get(0).contains("1 failure: "), fault + ": " + health(tier));
        }
    }

    @Test
    void withEveryServerDownEachIsStillAsked() {
        server.fault(Fault.drop());
        other.fault(Fault.drop());
        DnsTier tier = tier("options timeout:1 attempts:1\n", server, other);
        lookup(tier, "a.test");
        lookup(tier, "b.test");
        assertTrue(health(tier).stream().allMatch(health -> health.contains(": down since ")), health(tier).toString());
        int before = server.queryCount() + other.queryCount();

        Verdict verdict = lookup(tier, "c.test");

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(server.queryCount() > 0 && other.queryCount() > 0);
        assertTrue(server.queryCount() + other.queryCount() > before, "down servers are still asked when no server is up");
        assertTrue(verdict.detail().contains(server.endpoint() + " timed out") && verdict.detail().contains(other.endpoint() + " timed out"),
                verdict.detail());
    }

    @Test
    void aServerThatComesBackIsFoundByTheProbeAndAskedFirstAgain() throws InterruptedException {
        server.fault(Fault.drop());
        server.a("back.test", 60, "192.0.2.1");
        other.a("back.test", 60, "192.0.2.2");
        DnsTier tier = tier("", server, other);
        lookup(tier, "a.test");
        lookup(tier, "b.test");
        assertTrue(health(tier).get(0).contains("down since"), health(tier).toString());

        server.fault(Fault.none());
        await(() -> health(tier).get(0).startsWith(server.endpoint() + ": up"), "the probe (every 500 ms) finds it answering: " + health(tier));

        assertEquals(List.of(ip("192.0.2.1")), lookup(tier, "back.test").addresses(), "asked first again");
    }

    /**
     * A server that refuses everything answers the probe too, with REFUSED: that must not bring it
     * back at every probe, to go down again at the next lookups (a WARN twice a second). A probe it
     * answers otherwise does.
     */
    @Test
    void aServerDownForRefusingStaysDownUntilAProbeGetsAServingAnswer() throws InterruptedException {
        server.fault(Fault.refused());
        other.a("web.test", 60, "192.0.2.10");
        DnsTier tier = tier("", server, other);
        try (LogCapture log = LogCapture.start()) {
            lookup(tier, "a.test");
            lookup(tier, "b.test");
            assertTrue(health(tier).get(0).contains("down since"), health(tier).toString());
            int before = server.queryCount();

            await(() -> server.queryCount() >= before + 3, "three probes (every 500 ms)");
            for (int i = 0; i < 5; i++) {
                assertEquals(List.of(ip("192.0.2.10")), lookup(tier, "web.test").addresses());
            }

            assertTrue(health(tier).get(0).contains("down since"), "REFUSED to the probe does not bring it back: " + health(tier));
            assertEquals(1, log.containing(server.endpoint() + " is down").size(), log.messages().toString());
            assertEquals(List.of(), log.containing("answers again"), log.messages().toString());

            server.fault(Fault.none());
            await(() -> health(tier).get(0).startsWith(server.endpoint() + ": up"), "a probe answered without an error: " + health(tier));
        }
    }

    /** Loss makes a server go down and come back every few seconds: one warning a minute, the rest at debug and counted. */
    @Test
    void aServerGoingDownAgainWithinAMinuteIsWarnedOfOnce() throws InterruptedException {
        other.a("web.test", 60, "192.0.2.10");
        DnsTier tier = tier("", server, other);
        try (LogCapture log = LogCapture.start()) {
            for (int round = 0; round < 2; round++) {
                server.fault(Fault.drop());
                lookup(tier, "a" + round + ".test");
                lookup(tier, "b" + round + ".test");
                assertTrue(health(tier).get(0).contains("down since"), health(tier).toString());
                server.fault(Fault.none());
                await(() -> health(tier).get(0).startsWith(server.endpoint() + ": up"), "the probe finds it: " + health(tier));
            }

            assertEquals(1, log.containing(server.endpoint() + " is down").size(), log.messages().toString());
            assertEquals(1, log.containing(server.endpoint() + " answers again").size(), log.messages().toString());
        }
    }

    @Test
    void resolvConfsShorterTimeoutAndAttemptsBoundTheLookup() {
        server.fault(Fault.drop());
        DnsTier tier = tier("options timeout:1 attempts:1\n", server);

        Verdict verdict = lookup(tier, "web.test");

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(verdict.detail().endsWith("resolv.conf's timeout and attempts spent (1000 ms)"), verdict.detail());
    }

    @Test
    void errorAnswersAreAskedAgainAsManyTimesAsResolvConfsAttempts() {
        server.fault(Fault.servfail());
        DnsTier tier = tier("options attempts:3\n", server);

        Verdict verdict = lookup(tier, "web.test");

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals(3, server.queryCount(), "SERVFAIL three times, each after the server's retry interval");
        assertTrue(verdict.detail().contains(server.endpoint() + " SERVFAIL"), verdict.detail());
    }

    @Test
    void anUnreachableServerIsPassedAtOnceAndCountsAsAFailure() {
        server.close(); // its port is closed: the kernel answers port unreachable
        other.a("web.test", 60, "192.0.2.10");
        DnsTier tier = tier("", server, other);

        Verdict verdict = lookup(tier, "web.test");

        assertEquals(List.of(ip("192.0.2.10")), verdict.addresses());
        assertTrue(health(tier).get(0).contains("1 failure: port unreachable"), health(tier).toString());
    }

    @Test
    void aLookupWaitingOnSilentServersSleepsInsteadOfSpinning() {
        server.fault(Fault.drop());
        other.fault(Fault.drop());
        DnsTier tier = tier("", server, other);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();

        Verdict verdict = tier.resolve(Query.forward("web.test", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(1))));

        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(cpu < wall / 4, "the lookup's thread used " + cpu / 1_000_000 + " ms of CPU in " + wall / 1_000_000 + " ms");
    }
}
