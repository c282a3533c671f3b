package dev.resolvechain.local;

import static dev.resolvechain.local.LocalFixture.eventually;
import static dev.resolvechain.local.LocalFixture.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.hosts.HostsTier;
import dev.resolvechain.local.LocalFixture.Timed;
import dev.resolvechain.testkit.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The breaker: the client marked down after failures in a row, skipped while down, probed back up. */
class LocalHealthTest {
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(3);
    private static final Pattern DOWN_SINCE = Pattern.compile(
            "is down since \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(\\d+\\.\\d s ago; \\d+ failures in a row, the last: .+\\); skipped");

    private static final Pattern AFTER_FAILURE_DOWN = Pattern.compile(
            " \\(down since \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(\\d+ failures in a row\\): skipped until it answers a probe\\)");

    private final LocalFixture fixture = new LocalFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void failWith(String fault) {
        switch (fault) {
            case "drop" -> fixture.server.fault(Fault.drop());
            case "servfail" -> fixture.server.fault(Fault.servfail());
            case "refused" -> fixture.server.fault(Fault.refused());
            case "garbage" -> fixture.server.fault(Fault.garbage());
            default -> fixture.server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop", "servfail", "refused", "garbage", "stopped"})
    void afterTwoFailuresInARowLookupsSkipTheClientAtOnce(String fault) {
        fixture.server.a("svc.vip", 30, "10.1.0.1");
        failWith(fault);
        LocalTier tier = fixture.tier(fixture.options("vip"));

        Timed first = lookup(tier, "svc.vip");
        assertEquals(Outcome.FALLTHROUGH, first.verdict().outcome());
        assertTrue(first.detail().contains("did not answer: ") && first.detail().contains(" (1 failure, down at 2) (local.onDown=fallthrough"), first.detail());
        assertFalse(tier.health().down(), "one failure is not enough");
        Timed second = lookup(tier, "other.vip");
        assertTrue(AFTER_FAILURE_DOWN.matcher(second.detail()).find(), second.detail()); // the probe may have failed too meanwhile
        assertTrue(tier.health().down());
        int asked = fixture.lookupQueries().size();

        for (String name : List.of("svc.vip", "other.vip", "third.vip")) {
            Timed skipped = lookup(tier, name);
            assertEquals(Outcome.FALLTHROUGH, skipped.verdict().outcome(), skipped.detail());
            assertTrue(skipped.millis() < LocalFixture.TIMEOUT.toMillis() / 2, skipped.millis() + " ms: " + skipped.detail());
            assertTrue(skipped.detail().startsWith("local client " + fixture.server.endpoint() + " is down since "), skipped.detail());
            assertTrue(DOWN_SINCE.matcher(skipped.detail()).find(), skipped.detail());
            assertTrue(skipped.detail().endsWith("(local.onDown=fallthrough: the next tier is asked)"), skipped.detail());
        }
        assertEquals(asked, fixture.lookupQueries().size(), "lookups did not touch the client while down: " + fixture.lookupQueries());
        assertTrue(tier.health().probing(), "a probe runs while down");
        assertTrue(((String) tier.settings().get("localHealth")).startsWith("down since "), tier.settings().toString());
    }

    @Test
    void onDownFailEndsTheLookupNamingTheClientAndSinceWhen(@TempDir Path dir) throws Exception {
        fixture.server.stop();
        Path hosts = Files.writeString(dir.resolve("hosts"), "10.9.9.9 svc.vip\n");
        LocalTier tier = fixture.tier(fixture.options("vip").withOnDown(OnDown.FAIL));
        ResolveChain chain = new ResolveChain(List.of(tier, HostsTier.load(hosts)), Duration.ofSeconds(5));
        chain.lookup("svc.vip", AddressPolicy.IPV4_ONLY);
        chain.lookup("svc.vip", AddressPolicy.IPV4_ONLY);

        Resolution failed = chain.lookup("svc.vip", AddressPolicy.IPV4_ONLY);

        assertFalse(failed.resolved(), "the hosts file is not asked for the client's names");
        String reason = failed.failureReason();
        assertTrue(reason.startsWith("local: local client " + fixture.server.endpoint() + " is down since "), reason);
        assertTrue(reason.contains("port unreachable"), reason);
        assertTrue(reason.endsWith("(local.onDown=fail: its names are not looked up elsewhere)"), reason);
        assertEquals("hosts", chain.lookup("svc.other", AddressPolicy.IPV4_ONLY).steps().get(1).tier(),
                "a name outside local.domains is not affected");
    }

    @Test
    void onDownFallthroughSendsTheNameToTheNextTier(@TempDir Path dir) throws Exception {
        fixture.server.fault(Fault.refused());
        Path hosts = Files.writeString(dir.resolve("hosts"), "10.9.9.9 svc.vip\n");
        ResolveChain chain = new ResolveChain(List.of(fixture.tier(fixture.options("vip")), HostsTier.load(hosts)), Duration.ofSeconds(5));

        for (int i = 0; i < 3; i++) {
            Resolution resolution = chain.lookup("svc.vip", AddressPolicy.IPV4_ONLY);
            assertEquals("hosts", resolution.answeredBy());
            assertEquals(List.of(IpLiteral.parse("10.9.9.9")), resolution.addresses());
            assertTrue(resolution.steps().get(0).detail().contains("REFUSED"), resolution.steps().get(0).detail());
        }
    }

    @Test
    void aRestartedClientIsUpAgainWithinABoundAndAnswers() {
        fixture.server.a("svc.vip", 30, "10.1.0.1");
        fixture.server.stop();
        LocalTier tier = fixture.tier(fixture.options("vip"));
        lookup(tier, "svc.vip");
        lookup(tier, "svc.vip");
        assertTrue(tier.health().down());

        fixture.server.restart();

        assertTrue(eventually(() -> !tier.health().down(), RECOVERY_BOUND), "up again after the restart");
        Timed answered = lookup(tier, "svc.vip");
        assertEquals(Outcome.ANSWER, answered.verdict().outcome(), answered.detail());
        assertEquals(List.of(IpLiteral.parse("10.1.0.1")), answered.verdict().addresses());
        assertTrue(eventually(() -> !tier.health().probing(), RECOVERY_BOUND), "the probe ends once the client is up");
        assertEquals("up", tier.settings().get("localHealth"));
    }

    @Test
    void anyFinalAnswerToTheProbeEvenNxdomainBringsTheClientBack() {
        fixture.server.fault(Fault.servfail());
        LocalTier tier = fixture.tier(fixture.options("vip"));
        lookup(tier, "svc.vip");
        lookup(tier, "svc.vip");
        assertTrue(eventually(() -> fixture.probeQueries().size() >= 2, RECOVERY_BOUND), "the probe keeps asking");
        assertTrue(tier.health().down(), "SERVFAIL to the probe does not count as up");

        fixture.server.fault(Fault.none()); // the probe name is unknown: NXDOMAIN

        assertTrue(eventually(() -> !tier.health().down(), RECOVERY_BOUND));
        assertEquals("resolvechain-probe.vip", fixture.probeQueries().get(0).name());
    }

    @Test
    void anAnswerBetweenFailuresResetsTheCount() {
        fixture.server.a("svc.vip", 0, "10.1.0.1");
        LocalTier tier = fixture.tier(fixture.options("vip"));
        for (int i = 0; i < 3; i++) {
            fixture.server.faultFirst(1, Fault.servfail());
            lookup(tier, "svc.vip");
            assertEquals(Outcome.ANSWER, lookup(tier, "svc.vip").verdict().outcome());
        }
        assertFalse(tier.health().down(), "never two failures in a row");
        assertFalse(tier.health().probing());
    }

    @Test
    void theProbeThreadExistsOnlyWhileDownAndCloseStopsIt() {
        LocalTier tier = fixture.tier(fixture.options("vip"));
        lookup(tier, "x.vip");
        assertFalse(tier.health().probing(), "no thread while up");

        fixture.server.stop();
        lookup(tier, "y.vip"); // x.vip's NXDOMAIN is cached: the client would not be asked
        lookup(tier, "z.vip");
        assertTrue(tier.health().probing());
        assertTrue(LocalFixture.probeThreads() >= 1);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("resolvechain-local-probe")).allMatch(Thread::isDaemon));

        tier.close();

        assertTrue(eventually(() -> LocalFixture.probeThreads() == 0, RECOVERY_BOUND), "close stops the probe");
    }

    @Test
    void concurrentLookupsWhileTheClientFlapsAllEndInTimeWithOneProbeAtMost() throws Exception {
        fixture.server.a("svc.vip", 0, "10.1.0.1");
        LocalTier tier = fixture.tier(fixture.options("vip"));
        AtomicBoolean flapping = new AtomicBoolean(true);
        AtomicLong slowest = new AtomicLong();
        AtomicLong mostProbes = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService lookups = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(lookups.submit(() -> {
                while (flapping.get()) {
                    Timed timed = lookup(tier, "svc.vip");
                    slowest.accumulateAndGet(timed.millis(), Math::max);
                    mostProbes.accumulateAndGet(LocalFixture.probeThreads(), Math::max);
                    if (timed.verdict().outcome() == Outcome.ANSWER) {
                        answered.incrementAndGet();
                    }
                }
            }));
        }
        for (int cycle = 0; cycle < 4; cycle++) {
            LocalFixture.sleep(250);
            fixture.server.stop();
            LocalFixture.sleep(250);
            fixture.server.restart();
        }
        flapping.set(false);
        for (Future<?> future : running) {
            future.get(10, TimeUnit.SECONDS); // no lookup threw
        }
        lookups.shutdown();

        assertTrue(slowest.get() < 2 * LocalFixture.TIMEOUT.toMillis(), "slowest lookup " + slowest.get() + " ms");
        assertTrue(mostProbes.get() <= 1, mostProbes.get() + " probe threads at once");
        assertTrue(answered.get() > 0);
        assertTrue(eventually(() -> !tier.health().down() && !tier.health().probing(), RECOVERY_BOUND), "up at the end, no probe");
    }
}
