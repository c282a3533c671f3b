package dev.resolvechain.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fault matrix's bookkeeping ({@link FaultMatrixRunner}): the lookups a child reported, and what the
 * tables and targets make of them. Pure arithmetic, tested by {@code FaultMatrixTest}; nothing here is timed.
 */
final class FaultMatrix {
    private FaultMatrix() {
    }

    /** Microseconds since the epoch: the one clock the runner and its children share (alignment error: well under 1 ms). */
    static long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /**
     * One lookup as a child reports it: {@code L INDEX START_EPOCH_MICROS MICROS ok ADDRESS[,ADDRESS...]} or
     * {@code L INDEX START_EPOCH_MICROS MICROS fail TEXT}. {@code failure} is null for an answer.
     */
    record Lookup(int index, long startMicros, long micros, List<String> addresses, String failure) {
        static Lookup parse(String line) {
            String[] f = line.split(" ", 6);
            if (f.length < 5 || !f[0].equals("L")) {
                throw new IllegalArgumentException("not a lookup line: " + line);
            }
            String rest = f.length == 6 ? f[5] : "";
            boolean ok = f[4].equals("ok");
            if (!ok && !f[4].equals("fail")) {
                throw new IllegalArgumentException("neither ok nor fail: " + line);
            }
            return new Lookup(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    ok ? List.of(rest.split(",")) : List.of(), ok ? null : rest);
        }

        /** An answer that holds one of {@code expected}: the only success (a wrong answer is a failure). */
        boolean succeeded(Set<String> expected) {
            return failure == null && addresses.stream().anyMatch(expected::contains);
        }

        boolean answeredWith(String address) {
            return failure == null && addresses.contains(address);
        }

        double millis() {
            return micros / 1000.0;
        }

        long endMicros() {
            return startMicros + micros;
        }

        /** Why it is not a success: the child's failure text, or the wrong answer. */
        String problem(Set<String> expected) {
            return failure != null ? failure : succeeded(expected) ? null : "wrong answer " + String.join(",", addresses);
        }
    }

    /** Count, successes and latency percentiles (nearest rank, ms) of some lookups, failures included in the latencies. */
    record Summary(int count, int ok, double p50, double p99, double max) {
        static Summary of(List<Lookup> lookups, Set<String> expected) {
            List<Double> millis = new ArrayList<>(lookups.size());
            int ok = 0;
            for (Lookup lookup : lookups) {
                millis.add(lookup.millis());
                ok += lookup.succeeded(expected) ? 1 : 0;
            }
            return new Summary(lookups.size(), ok, Report.percentile(millis, 50), Report.percentile(millis, 99), Report.percentile(millis, 100));
        }

        double successPercent() {
            return count == 0 ? Double.NaN : 100.0 * ok / count;
        }

        /** {@code 100 %}, {@code 99.90 %}: two decimals unless all succeeded or none ran. */
        String success() {
            if (count == 0) {
                return "-";
            }
            return ok == count ? "100 %" : String.format(Locale.ROOT, "%.2f %%", successPercent());
        }
    }

    /** At least {@code permille}/1000 of {@code count} succeeded; exact (999 of 1000 meets 99.9 %, 998 does not). */
    static boolean atLeast(int ok, int count, int permille) {
        return count > 0 && 1000L * ok >= (long) permille * count;
    }

    /** All lookups of every JVM, in order. */
    static List<Lookup> all(List<List<Lookup>> jvms) {
        List<Lookup> all = new ArrayList<>();
        jvms.forEach(all::addAll);
        return all;
    }

    /** Each JVM's lookups 1 to {@code n}: the ones that may pay for finding a server out. */
    static List<Lookup> first(List<List<Lookup>> jvms, int n) {
        List<Lookup> first = new ArrayList<>();
        for (List<Lookup> jvm : jvms) {
            jvm.stream().filter(lookup -> lookup.index() <= n).forEach(first::add);
        }
        return first;
    }

    /** Each JVM's lookups after the {@code n}-th. */
    static List<Lookup> after(List<List<Lookup>> jvms, int n) {
        List<Lookup> after = new ArrayList<>();
        for (List<Lookup> jvm : jvms) {
            jvm.stream().filter(lookup -> lookup.index() > n).forEach(after::add);
        }
        return after;
    }

    /** The {@code p}-th percentile (nearest rank) of the lookups' latencies in ms; NaN when none. */
    static double percentileMillis(List<Lookup> lookups, double p) {
        return Report.percentile(lookups.stream().map(Lookup::millis).toList(), p);
    }

    /** What a fault adds at percentile {@code p}: the faulty lookups' percentile minus the healthy ones', ms. */
    static double addedMillis(List<Lookup> faulty, List<Lookup> healthy, double p) {
        return percentileMillis(faulty, p) - percentileMillis(healthy, p);
    }

    /**
     * How long after {@code healMicros} lookups used a server again: from then to the end of the first lookup that
     * ended at or after it, before {@code untilMicros}, with {@code address} (the server's own answer) among its
     * addresses; NaN when none did.
     */
    static double recoveryMillis(List<Lookup> lookups, long healMicros, long untilMicros, String address) {
        for (Lookup lookup : lookups) {
            long end = lookup.endMicros();
            if (end >= healMicros && end < untilMicros && lookup.answeredWith(address)) {
                return (end - healMicros) / 1000.0;
            }
        }
        return Double.NaN;
    }

    /** The lookups that started within [{@code fromMicros}, {@code untilMicros}). */
    static List<Lookup> startedWithin(List<Lookup> lookups, long fromMicros, long untilMicros) {
        return lookups.stream().filter(l -> l.startMicros() >= fromMicros && l.startMicros() < untilMicros).toList();
    }

    /** How many lookups have {@code address} among their answers. */
    static int answeredWith(List<Lookup> lookups, String address) {
        return (int) lookups.stream().filter(lookup -> lookup.answeredWith(address)).count();
    }

    /** The share of the lookups (0 to 1) that took longer than {@code millis}; NaN when none. */
    static double shareOver(List<Lookup> lookups, double millis) {
        return lookups.isEmpty() ? Double.NaN : (double) lookups.stream().filter(l -> l.millis() > millis).count() / lookups.size();
    }

    /** The slowest {@code n} lookups, slowest first. */
    static List<Lookup> slowest(List<Lookup> lookups, int n) {
        Lookup[] sorted = lookups.toArray(Lookup[]::new);
        Arrays.sort(sorted, (a, b) -> Long.compare(b.micros(), a.micros()));
        return List.of(sorted).subList(0, Math.min(n, sorted.length));
    }

    /** {@code +1.23} / {@code -0.5}: a difference in ms, signed. */
    static String signedMillis(double millis) {
        return Double.isNaN(millis) ? "-" : (millis >= 0 ? "+" : "") + Report.number(millis);
    }

    static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
