package dev.resolvechain.local;

import static dev.resolvechain.local.LocalFixture.eventually;
import static dev.resolvechain.local.LocalFixture.lookup;
import static dev.resolvechain.local.LocalFixture.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.local.LocalFixture.Timed;
import dev.resolvechain.testkit.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Serve-stale: the client's last good answers while it fails, and empty answers from a client just back. */
class LocalStaleTest {
    /** The records' TTL: short, so that the tests can wait it out. */
    private static final long TTL_SECONDS = 1;
    private static final long PAST_TTL_MILLIS = TTL_SECONDS * 1000 + 200;

    private final LocalFixture fixture = new LocalFixture();

    @BeforeEach
    void data() {
        fixture.server.a("svc.vip", TTL_SECONDS, "10.1.0.1");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private LocalTier tier(Duration staleTtl, Duration warmup) {
        return fixture.tier(fixture.options("vip").withOnDown(OnDown.FAIL).withStale(staleTtl, warmup));
    }

    /** A tier that has answered svc.vip, whose answer is now past its TTL, and whose client then stopped and is down. */
    private LocalTier answeredThenDown(Duration staleTtl, Duration warmup) {
        LocalTier tier = tier(staleTtl, warmup);
        assertEquals(Outcome.ANSWER, lookup(tier, "svc.vip").verdict().outcome());
        sleep(PAST_TTL_MILLIS);
        fixture.server.stop();
        lookup(tier, "first.vip");
        lookup(tier, "second.vip");
        assertTrue(tier.health().down());
        return tier;
    }

    private static void assertStale(Timed timed) {
        assertEquals(Outcome.ANSWER, timed.verdict().outcome(), timed.detail());
        assertEquals(List.of(IpLiteral.parse("10.1.0.1")), timed.verdict().addresses());
        assertTrue(timed.detail().matches(".*A for svc\\.vip from \\S+ \\(stale, \\d+ s past its TTL\\)"), timed.detail());
    }

    @Test
    void whileTheClientIsDownItsLastGoodAnswerIsServedPastItsTtl() {
        LocalTier tier = tier(Duration.ofMinutes(5), Duration.ofSeconds(30));
        assertEquals(Outcome.ANSWER, lookup(tier, "svc.vip").verdict().outcome());
        sleep(PAST_TTL_MILLIS);
        fixture.server.stop();

        Timed failing = lookup(tier, "svc.vip");
        Timed markedDown = lookup(tier, "svc.vip");
        Timed skipped = lookup(tier, "svc.vip");

        assertStale(failing);
        assertTrue(failing.detail().startsWith("local client " + fixture.server.endpoint() + " did not answer: port unreachable"), failing.detail());
        assertTrue(failing.detail().contains("; its last good answer is served: "), failing.detail());
        assertStale(markedDown);
        assertStale(skipped);
        assertTrue(skipped.detail().contains(" is down since ") && skipped.detail().contains("; skipped; its last good answer is served: "),
                skipped.detail());
        assertTrue(skipped.millis() < LocalFixture.TIMEOUT.toMillis() / 2, skipped.millis() + " ms");
        Timed unknown = lookup(tier, "never-seen.vip");
        assertEquals(Outcome.FAIL, unknown.verdict().outcome(), "no stale answer for a name never answered: " + unknown.detail());
    }

    /** dnsmasq gives its own names TTL 0 by default: each lookup asks it, and its last good answer is still kept. */
    @Test
    void anAnswerWithTtlZeroIsServedStaleWhileTheClientIsDown() {
        fixture.server.a("zero.vip", 0, "10.1.0.3");
        LocalTier tier = tier(Duration.ofMinutes(5), Duration.ofSeconds(30));
        lookup(tier, "zero.vip");
        lookup(tier, "zero.vip");
        assertEquals(2, fixture.lookupQueries().stream().filter(q -> q.name().equals("zero.vip") && q.type().equals("A")).count(),
                "TTL 0: not reused while it answers");
        fixture.server.stop();

        Timed stale = lookup(tier, "zero.vip");

        assertEquals(Outcome.ANSWER, stale.verdict().outcome(), stale.detail());
        assertEquals(List.of(IpLiteral.parse("10.1.0.3")), stale.verdict().addresses());
        assertTrue(stale.detail().contains("; its last good answer is served: A for zero.vip from "), stale.detail());
    }

    @Test
    void aFreshAnswerIsServedFromTheCacheWhileTheClientIsDown() {
        fixture.server.a("long.vip", 300, "10.1.0.2");
        LocalTier tier = tier(Duration.ofMinutes(5), Duration.ofSeconds(30));
        lookup(tier, "long.vip");
        fixture.server.stop();
        lookup(tier, "first.vip");
        lookup(tier, "second.vip");
        assertTrue(tier.health().down());

        Timed cached = lookup(tier, "long.vip");

        assertEquals(Outcome.ANSWER, cached.verdict().outcome(), cached.detail());
        assertTrue(cached.detail().matches("A for long\\.vip from \\S+ \\(cached, \\d+ s left\\)"), cached.detail());
    }

    @Test
    void anEmptyAnswerFromAClientThatJustFailedDoesNotReplaceItsLastGoodOne() {
        LocalTier tier = answeredThenDown(Duration.ofMinutes(5), Duration.ofSeconds(30));
        // back, but without its data yet: NXDOMAIN, then NODATA, for every name
        fixture.server.fault(Fault.nxdomain());
        fixture.server.restart();
        assertTrue(eventually(() -> !tier.health().down(), Duration.ofSeconds(3)));

        Timed nxdomain = lookup(tier, "svc.vip");
        Timed cachedNxdomain = lookup(tier, "svc.vip");

        assertStale(nxdomain);
        assertTrue(nxdomain.detail().startsWith("local client " + fixture.server.endpoint() + " says NXDOMAIN for svc.vip, but it failed "),
                nxdomain.detail());
        assertTrue(nxdomain.detail().contains("(local.warmup=30s): an empty answer does not replace its last good one: "), nxdomain.detail());
        assertStale(cachedNxdomain);
        assertTrue(cachedNxdomain.detail().contains("says NXDOMAIN for svc.vip (cached, "), cachedNxdomain.detail());

        fixture.server.a("nodata.vip", TTL_SECONDS, "10.1.0.3");
        fixture.server.fault(Fault.none());
        lookup(tier, "nodata.vip");
        sleep(PAST_TTL_MILLIS);
        fixture.server.fault(Fault.emptyAnswer());
        Timed nodata = lookup(tier, "nodata.vip");
        assertEquals(Outcome.ANSWER, nodata.verdict().outcome(), nodata.detail());
        assertTrue(nodata.detail().contains("says NODATA for nodata.vip, but it failed "), nodata.detail());
    }

    @Test
    void afterTheWarmupTheClientsEmptyAnswerIsFinalAgain() {
        LocalTier tier = tier(Duration.ofMinutes(5), Duration.ofMillis(300));
        lookup(tier, "svc.vip");
        sleep(PAST_TTL_MILLIS);
        fixture.server.faultFirst(1, Fault.servfail());
        assertStale(lookup(tier, "svc.vip"));
        sleep(500);
        fixture.server.fault(Fault.nxdomain());

        Timed nxdomain = lookup(tier, "svc.vip");

        assertEquals(Outcome.FAIL, nxdomain.verdict().outcome(), nxdomain.detail());
        assertTrue(nxdomain.detail().contains("says NXDOMAIN for svc.vip (final: vip is in local.domains)"), nxdomain.detail());
    }

    @Test
    void withStaleTtlZeroNothingIsServedPastItsTtl() {
        LocalTier tier = answeredThenDown(Duration.ZERO, Duration.ofSeconds(30));

        Timed failing = lookup(tier, "svc.vip");

        assertEquals(Outcome.FAIL, failing.verdict().outcome(), failing.detail());
        assertTrue(failing.detail().endsWith("(local.onDown=fail: its names are not looked up elsewhere)"), failing.detail());
    }

    @Test
    void theStaleWindowEnds() {
        LocalTier tier = tier(Duration.ofSeconds(1), Duration.ofSeconds(30));
        lookup(tier, "svc.vip");
        fixture.server.stop();
        sleep(PAST_TTL_MILLIS);
        assertStale(lookup(tier, "svc.vip"));

        sleep(1000);

        assertEquals(Outcome.FAIL, lookup(tier, "svc.vip").verdict().outcome(), "more than local.staleTtl past its TTL");
    }
}
