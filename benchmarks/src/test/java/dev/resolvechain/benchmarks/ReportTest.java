package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's arithmetic and table only (made-up numbers); no benchmark runs here. */
class ReportTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Report.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Report.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertTrue(Double.isNaN(Report.median(List.of())));
    }

    @Test
    void comparisonSaysSlowerOrFasterWithTheRoundByRoundRange() {
        Report report = new Report("µs/op");
        report.add("agent", new Report.Fork(1, List.of(2.0, 2.0, 2.0), Double.NaN));
        report.add("agent", new Report.Fork(2, List.of(3.0, 3.0, 3.0), Double.NaN));
        report.add("netty", new Report.Fork(1, List.of(1.0, 1.0, 1.0), Double.NaN));
        report.add("netty", new Report.Fork(2, List.of(1.0, 1.0, 1.0), Double.NaN));

        // medians: agent 2.5 (of 2,2,2,3,3,3), netty 1; per round 2.0 and 3.0
        assertEquals("agent vs netty 2.50x slower [rounds 2.00 .. 3.00]", report.comparison("agent vs netty", "agent", "netty").trim().replaceAll(" +", " "));
        assertEquals("netty vs agent 2.50x faster [rounds 2.00 .. 3.00]", report.comparison("netty vs agent", "netty", "agent").trim().replaceAll(" +", " "));
        assertTrue(report.render("JDK 17").contains("median µs/op"));
    }

    @Test
    void percentilesByNearestRank() {
        List<Double> hundred = new java.util.ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            hundred.add((double) i);
        }
        assertEquals(1.0, Report.percentile(hundred, 0));
        assertEquals(50.0, Report.percentile(hundred, 50));
        assertEquals(99.0, Report.percentile(hundred, 99));
        assertEquals(100.0, Report.percentile(hundred, 100));
        assertEquals(2.0, Report.percentile(List.of(3.0, 1.0, 2.0), 50));
        assertEquals(3.0, Report.percentile(List.of(3.0, 1.0, 2.0), 99), "with few samples p99 is the largest");
        assertTrue(Double.isNaN(Report.percentile(List.of(), 50)));
    }

    @Test
    void changeToVisibleTableCountsMissedChangesAndJudgesTheTargets() {
        java.util.Map<String, List<Double>> latencies = new java.util.LinkedHashMap<>();
        latencies.put("in-place", List.of(30.0, 40.0, 35.0, 1200.0));
        latencies.put("rename", List.of(5.0, 6.0, 7.0, 8.0, 9.0));

        String table = ChangeToVisibleRunner.render("JDK 17", latencies, 5).replaceAll(" +", " ");

        assertTrue(table.contains("in-place 4 1 30.0 35.0 1200 1200 1200 326 p50 met, p99 NOT met"), table);
        assertTrue(table.contains("rename 5 0 5.00 7.00 9.00 9.00 9.00 7.00 p50 met, p99 met"), table);
    }

    @Test
    void everyChangeWritesADistinctAddress() {
        java.util.Set<String> addresses = new java.util.HashSet<>();
        for (int c = 0; c <= 1000; c++) {
            assertTrue(addresses.add(ChangeToVisibleRunner.address(c)), ChangeToVisibleRunner.address(c));
        }
    }

    @Test
    void numbersKeepAboutThreeDigits() {
        assertEquals("41234", Report.number(41234.4));
        assertEquals("12.3", Report.number(12.34));
        assertEquals("2.50", Report.number(2.5));
        assertEquals("0.512", Report.number(0.5123));
        assertEquals("-", Report.number(Double.NaN));
    }

    @Test
    void tableHasEveryModeAndBothRatiosWithTheirPerRoundRange() {
        Report report = new Report();
        report.add(Report.AGENT, new Report.Fork(1, List.of(100.0, 110.0, 90.0), 64));
        report.add(Report.AGENT, new Report.Fork(2, List.of(120.0), 64));
        report.add(Report.JDK_UNCACHED, new Report.Fork(1, List.of(4000.0), 9000));
        report.add(Report.JDK_UNCACHED, new Report.Fork(2, List.of(3000.0), 9000));
        report.add(Report.JDK_CACHED, new Report.Fork(1, List.of(40.0), 24));
        report.add(Report.JDK_CACHED, new Report.Fork(2, List.of(60.0), Double.NaN));

        String table = report.render("JDK 17").replaceAll(" +", " ");

        assertTrue(table.startsWith("JDK 17\n"), table);
        assertTrue(table.contains("agent 105 100 .. 120 19.0% 64.0 2"), table);
        assertTrue(table.contains("jdk-uncached 3500 3000 .. 4000 28.6% 9000 2"), table);
        // 3500 / 105 = 33.3 faster; per round 4000/100 = 40.0 and 3000/120 = 25.0
        assertTrue(table.contains("jdk-cached 50.0 40.0 .. 60.0 40.0% 24.0 2"), table);
        assertTrue(table.contains("33.3x faster [rounds 25.0 .. 40.0] target >= 20.0x faster: met"), table);
        // 105 / 50 = 2.10 slower; per round 100/40 = 2.50 and 120/60 = 2.00
        assertTrue(table.contains("2.10x slower [rounds 2.00 .. 2.50] target <= 2.00x slower: NOT met"), table);
    }

    @Test
    void aBaselineAgentIsARowAndTheAgentsSpeedupOverIt() {
        Report report = new Report();
        report.add(Report.AGENT_BASELINE, new Report.Fork(1, List.of(450.0), 1744));
        report.add(Report.AGENT_BASELINE, new Report.Fork(2, List.of(500.0), 1744));
        report.add(Report.AGENT, new Report.Fork(1, List.of(90.0), 400));
        report.add(Report.AGENT, new Report.Fork(2, List.of(125.0), 400));

        String table = report.render("JDK 25").replaceAll(" +", " ");

        assertTrue(table.contains("agent-baseline 475 450 .. 500 10.5% 1744 2"), table);
        // 475 / 107.5 = 4.42 faster; per round 450/90 = 5.00 and 500/125 = 4.00; no target
        assertTrue(table.contains("agent vs agent-baseline 4.42x faster [rounds 4.00 .. 5.00]\n"), table);
    }
}
