package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timing loop's bookkeeping and arithmetic (made-up samples, trivial operations); no time is asserted. */
class InterleavedTest {

    @Test
    void tableAddedAndRatioLinesFromPooledMediansWithTheirPerRoundRange() {
        Interleaved loop = new Interleaved();
        // µs 10, 20, 30 and 40, 50 (nanoseconds given)
        loop.addSamples("down", new long[] {10_000, 20_000, 30_000}, new long[] {40_000, 50_000, 60_000});
        loop.addSamples("base", new long[] {5_000, 5_000, 5_000}, new long[] {20_000, 20_000, 20_000});

        assertEquals(35.0, loop.median("down"));
        assertEquals(12.5, loop.median("base"));
        assertEquals(22.5, loop.added("down", "base"));
        assertEquals(List.of(15.0, 30.0), loop.roundDifferences("down", "base"));
        assertEquals(List.of(4.0, 2.5), loop.roundRatios("down", "base"));

        String added = loop.addedLine("added", "down", "base", 1000).replaceAll(" +", " ");
        assertTrue(added.contains("added +22.5 µs [rounds +15.0 .. +30.0] target < 1000 µs: met"), added);
        String notMet = loop.addedLine("added", "down", "base", 20).replaceAll(" +", " ");
        assertTrue(notMet.endsWith("target < 20.0 µs: NOT met\n"), notMet);
        String ratio = loop.ratioLine("down vs base", "down", "base").replaceAll(" +", " ");
        assertTrue(ratio.contains("down vs base 2.80x [rounds 2.50 .. 4.00]"), ratio);

        String table = loop.render("title").replaceAll(" +", " ");
        // down: median 35, p90 60, p99 60, mean 35, round medians 20 .. 50, no allocation measured, 6 ops
        assertTrue(table.contains("down 35.0 60.0 60.0 35.0 20.0 .. 50.0 - 6"), table);
        assertTrue(table.contains("base 12.5 20.0 20.0 12.5 5.00 .. 20.0 - 6"), table);
    }

    @Test
    void negativeDifferencesKeepTheirSign() {
        assertEquals("-1.50", Interleaved.signed(-1.5));
        assertEquals("+0.250", Interleaved.signed(0.25));
    }

    @Test
    void everyModeRunsItsBatchPerMeasuredRoundWithUniqueSequenceNumbers() throws Exception {
        List<Long> seen = new ArrayList<>();
        Interleaved loop = new Interleaved()
                .add("a", 10, seq -> {
                    seen.add(seq);
                    return "a";
                }, result -> assertEquals("a", result))
                .add("b", 20, seq -> {
                    seen.add(seq);
                    return "b";
                }, result -> assertEquals("b", result));
        loop.run(1, 2, 5);

        assertEquals(2 * 10 + 2 * 20 + 10 + 20, seen.size(), "warm-up rounds run too");
        assertEquals(seen.size(), seen.stream().distinct().count(), "no sequence number twice");
        assertEquals(20, loop.pooledMicros("a").size(), "only measured rounds are kept");
        assertEquals(40, loop.pooledMicros("b").size());
        assertEquals(2, loop.roundMedians("a").size());
        assertTrue(loop.bytesPerOp("a") >= 0);
    }

    @Test
    void aWrongResultStopsTheRun() {
        Interleaved loop = new Interleaved().add("wrong", 4, seq -> "x", result -> {
            throw new IllegalStateException("unexpected " + result);
        });
        assertThrows(IllegalStateException.class, () -> loop.run(0, 1, 2));
    }
}
