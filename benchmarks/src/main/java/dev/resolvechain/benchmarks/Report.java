package dev.resolvechain.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side table of one JDK: each mode's median ns/op over every measured iteration of
 * every fork, the spread of its per-fork medians, its allocation, and the ratios the issue sets
 * targets for. Ratios are taken from the pooled medians; the bracket is the range of the same
 * ratio taken round by round (forks of the same round ran back to back), which shows how much the
 * machine's noise moves it.
 */
final class Report {
    static final String AGENT = "agent";
    /** The agent mode with another jar ({@code --baseline-agent}), for a before/after comparison. */
    static final String AGENT_BASELINE = "agent-baseline";
    static final String JDK_UNCACHED = "jdk-uncached";
    static final String JDK_CACHED = "jdk-cached";

    /** The targets: the alias hit at least this much faster than the uncached hosts file... */
    static final double TARGET_SPEEDUP_VS_UNCACHED = 20.0;
    /** ...and at most this much slower than the JDK's own cache hit. */
    static final double TARGET_SLOWDOWN_VS_CACHED = 2.0;

    /** One fork: its measured iterations (ns/op) and its allocation per op (NaN when not measured). */
    record Fork(int round, List<Double> iterations, double bytesPerOp) {
        double median() {
            return Report.median(iterations);
        }
    }

    private final Map<String, List<Fork>> forks = new LinkedHashMap<>();
    /** What an iteration's score is: {@code ns/op} (JMH's), or {@code µs/op}. */
    private final String unit;

    Report() {
        this("ns/op");
    }

    Report(String unit) {
        this.unit = unit;
    }

    void add(String mode, Fork fork) {
        forks.computeIfAbsent(mode, m -> new ArrayList<>()).add(fork);
    }

    boolean isEmpty() {
        return forks.isEmpty();
    }

    /** The median of all iterations of all forks of {@code mode}. */
    double median(String mode) {
        List<Double> all = new ArrayList<>();
        for (Fork fork : forks.getOrDefault(mode, List.of())) {
            all.addAll(fork.iterations());
        }
        return median(all);
    }

    String render(String title) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(Locale.ROOT, "  %-13s %13s %25s %8s %8s %7s%n",
                "mode", "median " + unit, "fork medians min .. max", "spread", "B/op", "forks"));
        for (Map.Entry<String, List<Fork>> entry : forks.entrySet()) {
            List<Double> forkMedians = new ArrayList<>();
            List<Double> bytes = new ArrayList<>();
            for (Fork fork : entry.getValue()) {
                forkMedians.add(fork.median());
                if (!Double.isNaN(fork.bytesPerOp())) {
                    bytes.add(fork.bytesPerOp());
                }
            }
            double median = median(entry.getKey());
            double min = Collections.min(forkMedians);
            double max = Collections.max(forkMedians);
            out.append(String.format(Locale.ROOT, "  %-13s %13s %25s %7.1f%% %8s %7d%n",
                    entry.getKey(), number(median), number(min) + " .. " + number(max),
                    100 * (max - min) / median, bytes.isEmpty() ? "-" : number(median(bytes)), forkMedians.size()));
        }
        if (forks.containsKey(AGENT) && forks.containsKey(JDK_UNCACHED)) {
            double speedup = median(JDK_UNCACHED) / median(AGENT);
            out.append(ratioLine("alias hit vs JDK hosts file, uncached", speedup, "faster", roundRatios(JDK_UNCACHED, AGENT),
                    speedup >= TARGET_SPEEDUP_VS_UNCACHED, "target >= " + number(TARGET_SPEEDUP_VS_UNCACHED) + "x faster"));
        }
        if (forks.containsKey(AGENT) && forks.containsKey(JDK_CACHED)) {
            double slowdown = median(AGENT) / median(JDK_CACHED);
            out.append(ratioLine("alias hit vs JDK cache hit", slowdown, "slower", roundRatios(AGENT, JDK_CACHED),
                    slowdown <= TARGET_SLOWDOWN_VS_CACHED, "target <= " + number(TARGET_SLOWDOWN_VS_CACHED) + "x slower"));
        }
        if (forks.containsKey(AGENT) && forks.containsKey(AGENT_BASELINE)) {
            double speedup = median(AGENT_BASELINE) / median(AGENT);
            out.append(ratioLine("agent vs agent-baseline", speedup, "faster", roundRatios(AGENT_BASELINE, AGENT), false, null));
        }
        return out.toString();
    }

    /**
     * {@code   what    1.57x slower [rounds 1.51 .. 1.61]}: the median of {@code mode} over that of {@code baseline},
     * "faster" (baseline over mode) when mode's is the smaller.
     */
    String comparison(String what, String mode, String baseline) {
        double ratio = median(mode) / median(baseline);
        return ratio >= 1 ? ratioLine(what, ratio, "slower", roundRatios(mode, baseline), false, null)
                : ratioLine(what, 1 / ratio, "faster", roundRatios(baseline, mode), false, null);
    }

    /** {@code target} null: a comparison without a target. */
    private static String ratioLine(String what, double ratio, String word, List<Double> perRound, boolean met, String target) {
        String range = perRound.size() < 2 ? "one round"
                : "rounds " + number(Collections.min(perRound)) + " .. " + number(Collections.max(perRound));
        return String.format(Locale.ROOT, "  %-38s %8sx %-6s [%s]%s%n",
                what, number(ratio), word, range, target == null ? "" : "  " + target + ": " + (met ? "met" : "NOT met"));
    }

    /** numerator/denominator of the fork medians of each round in which both modes ran. */
    private List<Double> roundRatios(String numerator, String denominator) {
        List<Double> ratios = new ArrayList<>();
        for (Fork top : forks.get(numerator)) {
            for (Fork bottom : forks.get(denominator)) {
                if (top.round() == bottom.round()) {
                    ratios.add(top.median() / bottom.median());
                }
            }
        }
        return ratios;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The {@code p}-th percentile by nearest rank (0: the smallest, 100: the largest); NaN when empty. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
    }

    /** Three significant digits or so, no exponent: 0.512, 12.3, 812, 41234. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
