package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.benchmarks.FaultMatrix.Lookup;
import dev.resolvechain.benchmarks.FaultMatrix.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault matrix's bookkeeping and arithmetic (made-up lookups); no time is asserted. */
class FaultMatrixTest {
    private static final Set<String> BOTH = Set.of("192.0.2.1", "192.0.2.2");

    private static Lookup ok(int index, long start, long micros, String address) {
        return new Lookup(index, start, micros, List.of(address, "2001:db8::1"), null);
    }

    private static Lookup failed(int index, long start, long micros) {
        return new Lookup(index, start, micros, List.of(), "timed out");
    }

    @Test
    void readsTheChildsLinesAnswersAndFailures() {
        Lookup answer = Lookup.parse("L 3 1700000000000000 1234 ok 192.0.2.2,2001:db8:0:0:0:0:0:2");
        assertEquals(3, answer.index());
        assertEquals(1700000000000000L, answer.startMicros());
        assertEquals(1.234, answer.millis());
        assertEquals(1700000000001234L, answer.endMicros());
        assertEquals(List.of("192.0.2.2", "2001:db8:0:0:0:0:0:2"), answer.addresses());
        assertTrue(answer.succeeded(BOTH));
        assertTrue(answer.answeredWith("192.0.2.2"));
        assertFalse(answer.answeredWith("192.0.2.1"));
        assertNull(answer.problem(BOTH));

        Lookup failure = Lookup.parse("L 4 1700000000000000 3001000 fail resolvechain: n4: dns: no answer | 10.0.0.2 timed out");
        assertFalse(failure.succeeded(BOTH));
        assertEquals("resolvechain: n4: dns: no answer | 10.0.0.2 timed out", failure.problem(BOTH));
        assertFalse(failure.answeredWith("192.0.2.1"));

        Lookup wrong = Lookup.parse("L 5 0 10 ok 203.0.113.9");
        assertFalse(wrong.succeeded(BOTH), "an answer with none of the servers' addresses is a failure");
        assertEquals("wrong answer 203.0.113.9", wrong.problem(BOTH));

        assertThrows(IllegalArgumentException.class, () -> Lookup.parse("STATS early 1 2"));
        assertThrows(IllegalArgumentException.class, () -> Lookup.parse("L 1 0 10 maybe 192.0.2.1"));
    }

    @Test
    void summaryCountsSuccessesAndTakesNearestRankPercentilesOfEveryLookup() {
        List<Lookup> lookups = new ArrayList<>();
        for (int i = 1; i <= 99; i++) {
            lookups.add(ok(i, 0, i * 1000L, "192.0.2.1"));
        }
        lookups.add(failed(100, 0, 3_000_000));

        Summary summary = Summary.of(lookups, BOTH);

        assertEquals(100, summary.count());
        assertEquals(99, summary.ok());
        assertEquals(50.0, summary.p50());
        assertEquals(99.0, summary.p99());
        assertEquals(3000.0, summary.max(), "a failed lookup's time counts too");
        assertEquals("99.00 %", summary.success());
        assertEquals("100 %", Summary.of(lookups.subList(0, 10), BOTH).success());
        assertEquals("-", Summary.of(List.of(), BOTH).success());
    }

    @Test
    void successTargetIsExactInPermille() {
        assertTrue(FaultMatrix.atLeast(999, 1000, 999));
        assertFalse(FaultMatrix.atLeast(998, 1000, 999));
        assertTrue(FaultMatrix.atLeast(1000, 1000, 999));
        assertFalse(FaultMatrix.atLeast(99, 100, 999), "one failure in 100 is 99 %");
        assertFalse(FaultMatrix.atLeast(0, 0, 999), "no lookups meet nothing");
    }

    @Test
    void firstAndAfterSplitEachJvmAtTheSameLookup() {
        List<List<Lookup>> jvms = List.of(
                List.of(ok(1, 0, 250_000, "192.0.2.2"), ok(2, 0, 251_000, "192.0.2.2"), ok(3, 0, 1_000, "192.0.2.2")),
                List.of(ok(1, 0, 260_000, "192.0.2.2"), ok(2, 0, 1_200, "192.0.2.2"), ok(3, 0, 900, "192.0.2.2"), ok(4, 0, 800, "192.0.2.2")));

        assertEquals(4, FaultMatrix.first(jvms, 2).size());
        assertEquals(260.0, FaultMatrix.percentileMillis(FaultMatrix.first(jvms, 2), 100));
        List<Lookup> after = FaultMatrix.after(jvms, 2);
        assertEquals(List.of(3, 3, 4), after.stream().map(Lookup::index).toList());
        assertEquals(7, FaultMatrix.all(jvms).size());

        List<Lookup> healthy = List.of(ok(3, 0, 500, "192.0.2.1"), ok(4, 0, 700, "192.0.2.1"), ok(5, 0, 600, "192.0.2.1"));
        // p50 of 0.8, 0.9, 1.0 is 0.9; of 0.5, 0.6, 0.7 it is 0.6
        assertEquals(0.3, FaultMatrix.addedMillis(after, healthy, 50), 1e-9);
        assertEquals(0.3, FaultMatrix.addedMillis(after, healthy, 100), 1e-9);
        assertTrue(Double.isNaN(FaultMatrix.addedMillis(after, List.of(), 50)));
    }

    @Test
    void recoveryIsTheEndOfTheFirstLookupAnsweredByTheServerAfterHealing() {
        long heal = 10_000_000;
        List<Lookup> lookups = List.of(
                ok(1, 9_000_000, 250_000, "192.0.2.2"),          // before healing
                ok(2, 9_990_000, 20_000, "192.0.2.2"),           // ends after healing, but by server 2
                ok(3, 10_300_000, 1_000, "192.0.2.2"),
                ok(4, 10_600_000, 1_500, "192.0.2.1"),           // the first by server 1: ends at 10_601_500
                ok(5, 10_700_000, 1_000, "192.0.2.1"));

        assertEquals(601.5, FaultMatrix.recoveryMillis(lookups, heal, Long.MAX_VALUE, "192.0.2.1"), 1e-9);
        assertTrue(Double.isNaN(FaultMatrix.recoveryMillis(lookups, heal, 10_500_000, "192.0.2.1")), "not before the next silence");
        assertEquals(10.0, FaultMatrix.recoveryMillis(lookups, heal, Long.MAX_VALUE, "192.0.2.2"), 1e-9);
        assertEquals(List.of(2), FaultMatrix.startedWithin(lookups, 9_500_000, heal).stream().map(Lookup::index).toList());
        assertEquals(2, FaultMatrix.answeredWith(lookups, "192.0.2.1"));
    }

    @Test
    void slowestFirstAndSignedDifferences() {
        List<Lookup> lookups = List.of(ok(1, 0, 5, "192.0.2.1"), failed(2, 0, 3_000_000), ok(3, 0, 250_000, "192.0.2.2"));

        assertEquals(List.of(2, 3), FaultMatrix.slowest(lookups, 2).stream().map(Lookup::index).toList());
        assertEquals(3, FaultMatrix.slowest(lookups, 10).size());
        assertEquals(2.0 / 3, FaultMatrix.shareOver(lookups, 100), 1e-9);
        assertEquals(1.0 / 3, FaultMatrix.shareOver(lookups, 250), 1e-9, "250 ms exactly is not over 250 ms");
        assertTrue(Double.isNaN(FaultMatrix.shareOver(List.of(), 1)));
        assertEquals("+1.25", FaultMatrix.signedMillis(1.25));
        assertEquals("-0.500", FaultMatrix.signedMillis(-0.5));
        assertEquals("-", FaultMatrix.signedMillis(Double.NaN));
        assertEquals("met", FaultMatrix.verdict(true));
        assertEquals("NOT met", FaultMatrix.verdict(false));
    }
}
