package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A row as runners write it and the table shows it (made-up figures). */
class PerfRowTest {
    private static final String JDK = "17.0.15+6-Debian-1deb12u1";

    @Test
    void aLineParsesBackToTheSameRow() {
        PerfRow row = new PerfRow("warm", JDK, "DNS miss, warm", 29.4, "glibc (the JDK's own resolver)", 96.6, "µs", PerfRow.Compare.RATIO);
        assertEquals("warm\t" + JDK + "\tDNS miss, warm\t29.4\tglibc (the JDK's own resolver)\t96.6\tµs\tratio", row.line());
        assertEquals(row, PerfRow.parse(row.line()));
    }

    @Test
    void aLineFromAShellScriptParses() {
        PerfRow row = PerfRow.parse("hello-wall\t25.0.3+9-LTS\thello world, wall\t121.4\ta plain JVM\t33.9\tms\tdifference");
        assertEquals(121.4, row.value());
        assertEquals(PerfRow.Compare.DIFFERENCE, row.compare());
    }

    @Test
    void aLowerFigureIsAWinShownAsHowManyTimesFaster() {
        PerfRow row = PerfRow.parse("k\t" + JDK + "\tw\t29.4\tglibc\t96.6\tµs\tratio");
        assertEquals(PerfRow.Verdict.WIN, row.verdict());
        assertEquals("3.29x faster", row.comparison());
    }

    @Test
    void aHigherFigureIsALossAndStaysOne() {
        PerfRow row = PerfRow.parse("k\t" + JDK + "\tw\t0.49\tNetty's cache hit\t0.33\tµs\tratio");
        assertEquals(PerfRow.Verdict.LOSS, row.verdict());
        assertEquals("1.48x slower", row.comparison());
        assertEquals("a loss", row.verdict().words);
    }

    @Test
    void sizesAreSmallerOrLarger() {
        assertEquals("6.00x larger", PerfRow.parse("k\t" + JDK + "\tw\t0.9\tHashMap\t0.15\tMB\tratio").comparison());
        assertEquals("2.00x smaller", PerfRow.parse("k\t" + JDK + "\tw\t1\tHashMap\t2\tMB\tratio").comparison());
    }

    @Test
    void aDifferenceIsSignedInTheRowsUnit() {
        assertEquals("+87.5 ms", PerfRow.parse("k\t" + JDK + "\tw\t121.4\tplain\t33.9\tms\tdifference").comparison());
        assertEquals("-2.10 µs", PerfRow.parse("k\t" + JDK + "\tw\t38.3\tplain\t40.4\tµs\tdifference").comparison());
    }

    @Test
    void equalFiguresAreEvenAndARatioWithZeroIsShownAsADifference() {
        assertEquals(PerfRow.Verdict.EVEN, PerfRow.parse("k\t" + JDK + "\tw\t5\tb\t5\tms\tratio").verdict());
        assertEquals("1.00x", PerfRow.parse("k\t" + JDK + "\tw\t5\tb\t5\tms\tratio").comparison());
        assertEquals("-5.00 ms", PerfRow.parse("k\t" + JDK + "\tw\t0\tb\t5\tms\tratio").comparison());
    }

    @Test
    void aBrokenLineSaysWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PerfRow.parse("k\t" + JDK + "\tw\t5\tb\t5\tms"))
                .getMessage().startsWith("8 tab-separated fields expected, 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PerfRow.parse("k\t" + JDK + "\tw\tfast\tb\t5\tms\tratio"))
                .getMessage().startsWith("'fast' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PerfRow.parse("k\t" + JDK + "\tw\tNaN\tb\t5\tms\tratio"))
                .getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PerfRow.parse("k\t" + JDK + "\tw\t1\tb\t5\tms\tpercent"))
                .getMessage().startsWith("'percent' is neither ratio nor difference"));
        assertThrows(IllegalArgumentException.class, () -> PerfRow.parse("k\t\tw\t1\tb\t5\tms\tratio"));
    }
}
