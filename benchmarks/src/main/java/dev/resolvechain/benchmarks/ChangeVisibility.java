package dev.resolvechain.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arithmetic of change-to-visible across many watchers of one source: the changes made (each a distinct address,
 * in order), and what each watcher answered when. A change is visible to a watcher at its first answer that is this
 * change's address or a later change's (then it counts as superseded: the watcher went straight to a later one, and
 * its answer was stale that long); a watcher that never gets there missed it. Per (change, watcher) sample, and per
 * change the time until every watcher of a group saw it (the slowest one's), missed when any never did.
 */
final class ChangeVisibility {
    /** One change: its index in its source's order (the first is 1; 0 is the address before any change), the address written, when (epoch µs). */
    record Change(int index, String address, long atMicros) {
    }

    /** An answer a watcher first gave at {@code atMicros}. */
    record Seen(long atMicros, String answer) {
    }

    /** One watcher: a name for messages, and its answers in order. */
    record Watcher(String name, List<Seen> seen) {
    }

    /** The figures of one group of watchers of one source. */
    record Figures(List<Double> samples, int missed, int superseded, List<Double> allWatchers, int changesMissedByAny, List<String> unexpected) {
        double p(double percentile) {
            return Report.percentile(samples, percentile);
        }

        double allP(double percentile) {
            return Report.percentile(allWatchers, percentile);
        }
    }

    private ChangeVisibility() {
    }

    /** {@code initialAddress} is what every watcher answers before the first change. */
    static Figures of(List<Change> changes, String initialAddress, List<Watcher> watchers) {
        return of(changes, initialAddress, watchers, 1);
    }

    /** As {@link #of(List, String, List)}, the changes before index {@code firstCounted} (warm-up) known but not counted. */
    static Figures of(List<Change> changes, String initialAddress, List<Watcher> watchers, int firstCounted) {
        Map<String, Integer> indexOf = new HashMap<>();
        indexOf.put(initialAddress, 0);
        for (Change change : changes) {
            indexOf.put(change.address(), change.index());
        }
        List<Double> samples = new ArrayList<>();
        List<Double> allWatchers = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int missed = 0;
        int superseded = 0;
        int missedByAny = 0;
        for (Watcher watcher : watchers) {
            for (Seen seen : watcher.seen()) {
                if (!indexOf.containsKey(seen.answer()) && unexpected.size() < 20) {
                    unexpected.add(watcher.name() + " at " + seen.atMicros() + ": " + seen.answer());
                }
            }
        }
        for (Change change : changes) {
            if (change.index() < firstCounted) {
                continue;
            }
            double slowest = 0;
            boolean all = true;
            for (Watcher watcher : watchers) {
                Seen first = null;
                for (Seen seen : watcher.seen()) {
                    if (indexOf.getOrDefault(seen.answer(), -1) >= change.index()) {
                        first = seen;
                        break;
                    }
                }
                if (first == null) {
                    missed++;
                    all = false;
                    continue;
                }
                if (!first.answer().equals(change.address())) {
                    superseded++;
                }
                // a watcher can see the change before the writer has read the clock after sending it: at once, 0
                double millis = Math.max(0, first.atMicros() - change.atMicros()) / 1000.0;
                samples.add(millis);
                slowest = Math.max(slowest, millis);
            }
            if (all) {
                allWatchers.add(slowest);
            } else {
                missedByAny++;
            }
        }
        return new Figures(samples, missed, superseded, allWatchers, missedByAny, unexpected);
    }

    /** The header of {@link #line}'s table. */
    static String header() {
        return String.format(Locale.ROOT, "  %-40s %8s %6s %7s %7s %7s %7s %7s   %-28s %s%n", "watchers", "samples", "missed", "min ms", "p50 ms",
                "p90 ms", "p99 ms", "max ms", "all watchers: p50/p99/max ms", "changes missed by any");
    }

    /** One group's line: the (change, watcher) samples' percentiles, then those of the time until all had it. */
    static String line(String group, Figures figures) {
        return String.format(Locale.ROOT, "  %-40s %8d %6d %7s %7s %7s %7s %7s   %-28s %d%n", group, figures.samples().size(), figures.missed(),
                Report.number(figures.p(0)), Report.number(figures.p(50)), Report.number(figures.p(90)), Report.number(figures.p(99)),
                Report.number(figures.p(100)),
                Report.number(figures.allP(50)) + " / " + Report.number(figures.allP(99)) + " / " + Report.number(figures.allP(100)),
                figures.changesMissedByAny());
    }
}
