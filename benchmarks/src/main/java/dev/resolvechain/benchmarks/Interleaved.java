package dev.resolvechain.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A careful timing loop for operations of microseconds to milliseconds (a DNS exchange on
 * loopback), several of them side by side in one JVM. Each round runs a batch of every mode, cut
 * into slices that alternate between the modes in a new random order each slice, so that a
 * burst of load on the machine hits every mode instead of one mode's whole run; the first rounds
 * are warm-up. Every operation is timed on its
 * own ({@link System#nanoTime()} around it); the results of a slice are checked after it, outside
 * the timed spans, so that a wrong answer stops the run instead of being measured. The bytes the
 * measuring thread allocates over a slice's operations are counted too (B/op: other threads, such
 * as a library's I/O thread, are not).
 *
 * <p>Reported per mode: the median, p90 and p99 over every measured operation, and the range of
 * the per-round medians. Comparisons of two modes use the pooled medians; the bracket gives the
 * same figure taken round by round (both modes' batches of a round ran back to back).
 */
final class Interleaved {

    /** One operation; {@code seq} is unique within the run (for names that must not repeat). */
    interface Op {
        Object run(long seq) throws Exception;
    }

    /** Throws when {@code result} is not what the mode must produce. */
    interface Check {
        void check(Object result) throws Exception;
    }

    record Mode(String name, int batch, Op op, Check check) {
    }

    private static final long SEED = 20261127L;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private final List<Mode> modes = new ArrayList<>();
    /** Per mode, per measured round, every operation's nanoseconds. */
    private final Map<String, List<long[]>> samples = new LinkedHashMap<>();
    /** Per mode, bytes allocated by this thread over the measured operations (other threads' not counted). */
    private final Map<String, Long> allocatedBytes = new LinkedHashMap<>();
    private long seq;

    Interleaved add(String name, int batch, Op op, Check check) {
        modes.add(new Mode(name, batch, op, check));
        samples.put(name, new ArrayList<>());
        return this;
    }

    /**
     * Runs {@code warmup} rounds not counted, then {@code rounds} measured ones. A round is
     * {@code slices} slices; in each slice every mode runs {@code batch / slices} operations, the
     * modes in a new random order (fixed seed) each slice, so that modes alternate finely and each
     * follows every other about equally often (a mode always run right after the same other one
     * could inherit its state: warm sockets, a busy server thread, garbage to collect).
     */
    void run(int warmup, int rounds, int slices) throws Exception {
        Random random = new Random(SEED);
        List<Mode> order = new ArrayList<>(modes);
        for (int round = 0; round < warmup + rounds; round++) {
            Map<String, long[]> times = new LinkedHashMap<>();
            Map<String, Integer> filled = new LinkedHashMap<>();
            for (Mode mode : modes) {
                times.put(mode.name(), new long[mode.batch() / slices * slices]);
                filled.put(mode.name(), 0);
            }
            for (int slice = 0; slice < slices; slice++) {
                Collections.shuffle(order, random);
                for (Mode mode : order) {
                    int from = filled.get(mode.name());
                    int count = mode.batch() / slices;
                    time(mode, times.get(mode.name()), from, count, round >= warmup);
                    filled.put(mode.name(), from + count);
                }
            }
            if (round >= warmup) {
                for (Mode mode : modes) {
                    samples.get(mode.name()).add(times.get(mode.name()));
                }
            }
        }
    }

    /** Times {@code count} operations; their results are checked afterwards, their allocation counted. */
    private void time(Mode mode, long[] times, int from, int count, boolean measured) throws Exception {
        Object[] results = new Object[count];
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < count; k++) {
            long start = System.nanoTime();
            results[k] = mode.op().run(seq++);
            times[from + k] = System.nanoTime() - start;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (measured) {
            allocatedBytes.merge(mode.name(), allocated, Long::sum);
        }
        for (Object result : results) {
            mode.check().check(result);
        }
    }

    /** For tests: measured samples given directly, one array per round. */
    void addSamples(String mode, long[]... rounds) {
        samples.computeIfAbsent(mode, m -> new ArrayList<>()).addAll(List.of(rounds));
    }

    List<Double> pooledMicros(String mode) {
        List<Double> all = new ArrayList<>();
        for (long[] round : samples.get(mode)) {
            for (long nanos : round) {
                all.add(nanos / 1000.0);
            }
        }
        return all;
    }

    List<Double> roundMedians(String mode) {
        List<Double> medians = new ArrayList<>();
        for (long[] round : samples.get(mode)) {
            List<Double> micros = new ArrayList<>(round.length);
            for (long nanos : round) {
                micros.add(nanos / 1000.0);
            }
            medians.add(Report.median(micros));
        }
        return medians;
    }

    /** Bytes this thread allocated per measured operation of {@code mode}; NaN when not measured. */
    double bytesPerOp(String mode) {
        Long bytes = allocatedBytes.get(mode);
        int ops = 0;
        for (long[] round : samples.get(mode)) {
            ops += round.length;
        }
        return bytes == null || ops == 0 ? Double.NaN : (double) bytes / ops;
    }

    double median(String mode) {
        return Report.median(pooledMicros(mode));
    }

    /** The table: one line per mode, µs. */
    String render(String title) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(Locale.ROOT, "  %-44s %10s %9s %9s %9s %23s %7s %7s%n",
                "mode", "median µs", "p90 µs", "p99 µs", "mean µs", "round medians min..max", "B/op", "ops"));
        for (String mode : samples.keySet()) {
            List<Double> all = pooledMicros(mode);
            if (all.isEmpty()) {
                continue;
            }
            List<Double> medians = roundMedians(mode);
            double mean = all.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double bytes = bytesPerOp(mode);
            out.append(String.format(Locale.ROOT, "  %-44s %10s %9s %9s %9s %23s %7s %7d%n", mode,
                    Report.number(Report.median(all)), Report.number(Report.percentile(all, 90)),
                    Report.number(Report.percentile(all, 99)), Report.number(mean),
                    Report.number(Collections.min(medians)) + " .. " + Report.number(Collections.max(medians)),
                    Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%.0f", bytes), all.size()));
        }
        return out.toString();
    }

    /** {@code mode} − {@code baseline} in µs: pooled medians, and [the same per round]. */
    double added(String mode, String baseline) {
        return median(mode) - median(baseline);
    }

    List<Double> roundDifferences(String mode, String baseline) {
        List<Double> a = roundMedians(mode);
        List<Double> b = roundMedians(baseline);
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            differences.add(a.get(i) - b.get(i));
        }
        return differences;
    }

    List<Double> roundRatios(String numerator, String denominator) {
        List<Double> a = roundMedians(numerator);
        List<Double> b = roundMedians(denominator);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return ratios;
    }

    /** {@code   added by X vs Y    +12.3 µs [rounds +10.1 .. +14.0]  target < 1000 µs: met}. */
    String addedLine(String what, String mode, String baseline, double targetMicros) {
        double added = added(mode, baseline);
        List<Double> rounds = roundDifferences(mode, baseline);
        String range = rounds.size() < 2 ? "one round"
                : "rounds " + signed(Collections.min(rounds)) + " .. " + signed(Collections.max(rounds));
        String target = Double.isNaN(targetMicros) ? ""
                : String.format(Locale.ROOT, "  target < %s µs: %s", Report.number(targetMicros), added < targetMicros ? "met" : "NOT met");
        return String.format(Locale.ROOT, "  %-52s %9s µs [%s]%s%n", what, signed(added), range, target);
    }

    /** {@code   dnsjava vs local    2.31x slower [rounds 2.2 .. 2.4]}. */
    String ratioLine(String what, String numerator, String denominator) {
        double ratio = median(numerator) / median(denominator);
        List<Double> rounds = roundRatios(numerator, denominator);
        String range = rounds.size() < 2 ? "one round"
                : "rounds " + Report.number(Collections.min(rounds)) + " .. " + Report.number(Collections.max(rounds));
        return String.format(Locale.ROOT, "  %-52s %8sx [%s]%n", what, Report.number(ratio), range);
    }

    static String signed(double micros) {
        return (micros >= 0 ? "+" : "") + Report.number(micros);
    }
}
