package dev.resolvechain.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Resolution;
import dev.resolvechain.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupLogTest {
    private static Resolution answered(String name, String tier, long micros) {
        return new Resolution(name, false, List.of(IpLiteral.parse("192.0.2.1")), null, tier,
                List.of(new Step("alias", Outcome.FALLTHROUGH, "not an alias", 1), new Step(tier, Outcome.ANSWER, "from " + tier, micros)),
                micros + 1);
    }

    private static Resolution failed(String name) {
        return new Resolution(name, false, List.of(), null, Resolution.NONE,
                List.of(new Step("dns", Outcome.FAIL, "NXDOMAIN for " + name, 900)), 900);
    }

    @Test
    void countsEachStepByTierAndOutcomeAndKeepsEachTiersLatency() {
        LookupLog log = new LookupLog();
        log.record("InetAddress", answered("web", "dns", 3));
        log.record("netty", answered("db", "dns", 1000));
        log.record("dnsjava", failed("gone"));

        assertEquals(Map.of("alias fallthrough", 2L, "dns answer", 2L, "dns fail", 1L), log.counts());
        assertArrayEquals(new long[] {1024, 1024}, log.latencyMicros().get("dns"), "3, 900 and 1000 µs: p50 and p99 in the bucket up to 1024");
        assertArrayEquals(new long[] {2, 2}, log.latencyMicros().get("alias"));
    }

    @Test
    void percentilesAreTheUpperBoundsOfTheirBuckets() {
        Latency latency = new Latency();
        assertEquals(0, latency.percentileMicros(0.5), "none added");
        for (int i = 0; i < 98; i++) {
            latency.add(3);
        }
        latency.add(1000);
        latency.add(1000);
        assertEquals(4, latency.percentileMicros(0.5));
        assertEquals(1024, latency.percentileMicros(0.99));
        assertEquals(100, latency.count());
    }

    @Test
    void theRingKeepsFailedAndSlowLookupsWithTheirResolverOldestFirst() {
        LookupLog log = new LookupLog();
        log.record("InetAddress", answered("fast", "alias", 10));
        log.record("netty", failed("gone"));
        log.record("dnsjava", answered("slow", "dns", LookupLog.SLOW_MICROS));

        List<RecentLookup> recent = log.recent(false, 0);
        assertEquals(List.of("gone", "slow"), recent.stream().map(RecentLookup::name).toList());
        RecentLookup gone = recent.get(0);
        assertEquals(List.of("netty", "dns", "fail", "dns: NXDOMAIN for gone"), List.of(gone.resolver(), gone.tier(), gone.outcome(), gone.reason()));
        assertEquals(List.of("dnsjava", "dns", "answer"), List.of(recent.get(1).resolver(), recent.get(1).tier(), recent.get(1).outcome()));
        assertEquals(List.of("gone"), log.recent(true, 0).stream().map(RecentLookup::name).toList());
        assertEquals(List.of(), log.recent(false, System.currentTimeMillis() + 60_000));
    }

    @Test
    void aFullRingKeepsTheLastLookups() {
        LookupLog log = new LookupLog();
        for (int i = 0; i < LookupLog.RECENT_CAPACITY + 10; i++) {
            log.record("InetAddress", failed("n" + i));
        }
        List<RecentLookup> recent = log.recent(true, 0);
        assertEquals(LookupLog.RECENT_CAPACITY, recent.size());
        assertTrue(recent.stream().noneMatch(lookup -> lookup.name().equals("n9")), "the 10 oldest were overwritten");
        assertTrue(recent.stream().anyMatch(lookup -> lookup.name().equals("n" + (LookupLog.RECENT_CAPACITY + 9))));
    }
}
