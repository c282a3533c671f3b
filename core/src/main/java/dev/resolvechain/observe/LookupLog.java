package dev.resolvechain.observe;

import dev.resolvechain.Outcome;
import dev.resolvechain.Resolution;
import dev.resolvechain.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a JVM's lookups did, kept for {@code status}, {@code recent}, the MBean and JFR: a count per
 * tier and outcome, each tier's latency, and a bounded ring of the last lookups that failed or were
 * slow. Recording is lock-free; a full ring overwrites its oldest entry.
 */
public final class LookupLog {
    /** How many failed or slow lookups the ring keeps. */
    public static final int RECENT_CAPACITY = 512;
    /** A lookup at least this long is kept in the ring even when it resolved. */
    public static final long SLOW_MICROS = 100_000;

    /** Per tier name: one map lookup a step, no key built (the tier's name hashes once, and is kept). */
    private final Map<String, TierStats> tiers = new ConcurrentHashMap<>();
    /** Made at the first failed or slow lookup: a JVM's start loads none of it (nor the VarHandle machinery behind it). */
    private volatile AtomicReferenceArray<RecentLookup> recent;
    private final AtomicLong recorded = new AtomicLong();

    /** Records {@code resolution}, which came through {@code resolver}; emits a JFR event when a recording wants it. */
    public void record(String resolver, Resolution resolution) {
        for (Step step : resolution.steps()) {
            TierStats stats = tiers.get(step.tier());
            if (stats == null) {
                TierStats added = new TierStats();
                stats = tiers.putIfAbsent(step.tier(), added);
                stats = stats == null ? added : stats; // not computeIfAbsent: a lambda's bootstrap on a JVM's first lookup
            }
            stats.byOutcome[step.outcome().ordinal()].increment();
            stats.latency.add(step.micros());
        }
        boolean failed = !resolution.resolved();
        if (failed || resolution.micros() >= SLOW_MICROS) {
            Step last = resolution.steps().isEmpty() ? null : resolution.steps().get(resolution.steps().size() - 1);
            String tier = failed ? (last == null ? Resolution.NONE : last.tier()) : resolution.answeredBy();
            String reason = failed ? resolution.failureReason() : last.detail();
            long slot = recorded.getAndIncrement();
            ring().set((int) (slot % RECENT_CAPACITY), new RecentLookup(System.currentTimeMillis(), resolution.name(), resolver, tier,
                    failed ? "fail" : "answer", reason, resolution.micros()));
        }
        JfrEvents.lookup(resolver, resolution);
    }

    /** Lookup steps by {@code "TIER OUTCOME"} ({@code "dns answer"}), in name order. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        tiers.forEach((tier, stats) -> {
            for (Outcome outcome : Outcome.values()) {
                long count = stats.byOutcome[outcome.ordinal()].sum();
                if (count > 0) {
                    copy.put(tier + " " + outcome.label(), count);
                }
            }
        });
        return copy;
    }

    /** Per tier, its steps' p50 and p99 in µs (upper bounds, within a factor of 2), in name order. */
    public Map<String, long[]> latencyMicros() {
        Map<String, long[]> copy = new TreeMap<>();
        tiers.forEach((tier, stats) -> copy.put(tier, new long[] {stats.latency.percentileMicros(0.5), stats.latency.percentileMicros(0.99)}));
        return copy;
    }

    /** The failed or slow lookups kept, oldest first: only failures when {@code failedOnly}, none ended before {@code sinceEpochMillis}. */
    public List<RecentLookup> recent(boolean failedOnly, long sinceEpochMillis) {
        List<RecentLookup> kept = new ArrayList<>();
        AtomicReferenceArray<RecentLookup> ring = recent;
        for (int i = 0; ring != null && i < RECENT_CAPACITY; i++) {
            RecentLookup lookup = ring.get(i);
            if (lookup != null && lookup.epochMillis() >= sinceEpochMillis && (!failedOnly || lookup.outcome().equals("fail"))) {
                kept.add(lookup);
            }
        }
        kept.sort((a, b) -> Long.compare(a.epochMillis(), b.epochMillis()));
        return Collections.unmodifiableList(kept);
    }

    private AtomicReferenceArray<RecentLookup> ring() {
        AtomicReferenceArray<RecentLookup> ring = recent;
        if (ring == null) {
            synchronized (this) {
                ring = recent;
                if (ring == null) {
                    ring = new AtomicReferenceArray<>(RECENT_CAPACITY);
                    recent = ring;
                }
            }
        }
        return ring;
    }

    private static final class TierStats {
        final LongAdder[] byOutcome = new LongAdder[Outcome.values().length];
        final Latency latency = new Latency();

        TierStats() {
            for (int i = 0; i < byOutcome.length; i++) {
                byOutcome[i] = new LongAdder();
            }
        }
    }
}
