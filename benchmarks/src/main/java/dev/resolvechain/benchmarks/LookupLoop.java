package dev.resolvechain.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lookups through {@link InetAddress#getAllByName}, as an application makes them, timed one by one in
 * this JVM (under the agent, or not). Uses JDK classes only, so it measures whatever resolver the JVM
 * has: {@link LocalDownRunner} runs it under the agent on loopback, {@code local-down-netns.sh} inside
 * a network namespace, with and without the agent.
 *
 * <pre>
 * LookupLoop --name PATTERN [--name PATTERN] --expect IP [--pause MS] [--first N] [--early N] [--warmup N] [--lookups N] [--block N]
 * </pre>
 *
 * A name pattern may hold {@code %d}, replaced by a number never used before in this JVM (so that no
 * cache can answer). After {@code --pause} ms (0 by default: a service that looks up a name as soon
 * as it starts), the first {@code --first} lookups of the first name are printed one by one
 * ({@code FIRST i millis}). Then come two measured phases, the names alternating in blocks of
 * {@code --block}: {@code early}, the next {@code --early} lookups per name (the JVM young, its JIT
 * still compiling the lookup path), and, after {@code --warmup} lookups per name not counted,
 * {@code warm}, {@code --lookups} per name. Each phase prints {@code STATS phase name median p90 p99 mean count}
 * in µs. Every answer must contain {@code --expect}.
 */
public final class LookupLoop {
    private static long counter;

    private LookupLoop() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        String expect = null;
        int first = 3;
        int early = 2000;
        int warmup = 2000;
        int lookups = 2000;
        int block = 250;
        long pause = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--name" -> names.add(args[++i]);
                case "--expect" -> expect = args[++i];
                case "--first" -> first = Integer.parseInt(args[++i]);
                case "--early" -> early = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--lookups" -> lookups = Integer.parseInt(args[++i]);
                case "--block" -> block = Integer.parseInt(args[++i]);
                case "--pause" -> pause = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (names.isEmpty() || expect == null) {
            throw new IllegalArgumentException("--name and --expect are required");
        }
        System.out.println("JDK " + Runtime.version());
        Thread.sleep(pause);
        for (int i = 1; i <= first; i++) {
            long start = System.nanoTime();
            lookup(names.get(0), expect);
            System.out.printf(Locale.ROOT, "FIRST %d %.3f%n", i, (System.nanoTime() - start) / 1e6);
            System.out.flush();
        }
        measure("early", names, expect, early, block);
        for (String name : names) {
            for (int i = 0; i < warmup; i++) {
                lookup(name, expect);
            }
        }
        measure("warm", names, expect, lookups, block);
    }

    private static void measure(String phase, List<String> names, String expect, int lookups, int block) throws UnknownHostException {
        long[][] times = new long[names.size()][lookups];
        for (int done = 0; done < lookups; done += block) {
            for (int n = 0; n < names.size(); n++) {
                for (int i = done; i < Math.min(lookups, done + block); i++) {
                    long start = System.nanoTime();
                    lookup(names.get(n), expect);
                    times[n][i] = System.nanoTime() - start;
                }
            }
        }
        for (int n = 0; n < names.size() && lookups > 0; n++) {
            long[] sorted = times[n].clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN) / 1000;
            System.out.printf(Locale.ROOT, "STATS %s %s %.3f %.3f %.3f %.3f %d%n", phase, names.get(n), medianMicros(sorted),
                    rankMicros(sorted, 90), rankMicros(sorted, 99), mean, sorted.length);
        }
    }

    private static void lookup(String pattern, String expect) throws UnknownHostException {
        String name = pattern.contains("%d") ? pattern.replace("%d", Long.toString(counter++)) : pattern;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        for (InetAddress address : addresses) {
            if (address.getHostAddress().equals(expect)) {
                return;
            }
        }
        throw new IllegalStateException(name + " resolved to " + Arrays.toString(addresses) + ", not " + expect);
    }

    private static double medianMicros(long[] sorted) {
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0) / 1000;
    }

    /** Nearest rank. */
    private static double rankMicros(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] / 1000.0;
    }
}
