package dev.resolvechain.wire;

import dev.resolvechain.Clocks;
import dev.resolvechain.CacheFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * DNS answers by (name, type), kept as long as their TTL says, within bounds. Positive answers live
 * for their record TTL clamped to [minTtl, maxTtl]; negative ones (NXDOMAIN, NODATA) for the SOA's
 * negative TTL clamped to [minTtl, maxNegativeTtl], and for {@link #NEGATIVE_TTL_WITHOUT_SOA} when
 * the server sent no SOA. Reads take no lock; a write that finds the cache full sweeps it.
 *
 * <p>With a stale window (RFC 8767, serve-stale), the last answer with data for each key is also kept
 * for that long past its TTL, even after a negative answer took its place, so that a tier whose
 * server is failing can still give it ({@link #stale}). Without one (the default) nothing is kept
 * past its TTL.
 */
public final class DnsCache {
    public static final Duration DEFAULT_MIN_TTL = Duration.ZERO;
    public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_MAX_NEGATIVE_TTL = Duration.ofMinutes(5);
    /**
     * RFC 2308 says an answer without SOA should not be cached, but local discovery clients often
     * answer NXDOMAIN without one, and an application retrying a missing name in a loop would then
     * send every retry to the network. Five seconds bounds that load while a name that appears is
     * seen almost at once, and stays under the JDK's own negative cache time (10 s).
     */
    public static final Duration NEGATIVE_TTL_WITHOUT_SOA = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** equals/hashCode written out: a record's generated ones cost an invokedynamic bootstrap on the first lookup. */
    private record Key(String name, int type) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && type == that.type && name.equals(that.name);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + type;
        }
    }

    /**
     * The answer in force, and the last answer with data for the key (the same one when the answer
     * in force has data; null when there is none or the stale window is 0).
     */
    private record Entry(DnsAnswer answer, long expiresAtNanos, DnsAnswer lastData, long lastDataExpiresAtNanos) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final long minTtl;
    private final long maxTtl;
    private final long maxNegativeTtl;
    private final int maxEntries;
    private final long staleNanos;
    private final LongSupplier nanoClock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** A cache of default bounds, keeping nothing past its TTL. */
    public DnsCache() {
        this(DEFAULT_MIN_TTL, DEFAULT_MAX_TTL, DEFAULT_MAX_NEGATIVE_TTL, DEFAULT_MAX_ENTRIES, Duration.ZERO, Clocks.NANOS);
    }

    /** A cache of default bounds that keeps answers with data for {@code staleWindow} past their TTL. */
    public static DnsCache keepingStale(Duration staleWindow) {
        return new DnsCache(DEFAULT_MIN_TTL, DEFAULT_MAX_TTL, DEFAULT_MAX_NEGATIVE_TTL, DEFAULT_MAX_ENTRIES, staleWindow, Clocks.NANOS);
    }

    /**
     * @param staleWindow how long past its TTL the last answer with data is kept (0: nothing is)
     * @param nanoClock   monotonic nanoseconds, as {@link System#nanoTime}
     */
    public DnsCache(Duration minTtl, Duration maxTtl, Duration maxNegativeTtl, int maxEntries, Duration staleWindow, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache holds at least 1 entry, not " + maxEntries);
        }
        this.minTtl = minTtl.toSeconds();
        this.maxTtl = maxTtl.toSeconds();
        this.maxNegativeTtl = maxNegativeTtl.toSeconds();
        this.maxEntries = maxEntries;
        this.staleNanos = staleWindow.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The answer for (name, type) with its seconds left as TTL, or null if none is cached or it expired. */
    public DnsAnswer get(String name, int type) {
        Entry entry = entries.get(new Key(name, type));
        if (entry == null) {
            return null;
        }
        long left = entry.expiresAtNanos - nanoClock.getAsLong();
        if (left <= 0) {
            return null;
        }
        return entry.answer.fromCache(seconds(left));
    }

    /** Whole seconds, rounded up. */
    private static long seconds(long nanos) {
        return (nanos + 999_999_999) / 1_000_000_000;
    }

    /**
     * The last answer with data for (name, type), if its TTL ended less than the stale window ago:
     * marked cached, with the seconds left as TTL, or, past its TTL, minus the seconds past it (at
     * least 1). Null when there is none, or the stale window is 0.
     */
    public DnsAnswer stale(String name, int type) {
        Entry entry = entries.get(new Key(name, type));
        if (entry == null || entry.lastData == null) {
            return null;
        }
        long past = nanoClock.getAsLong() - entry.lastDataExpiresAtNanos;
        if (past >= staleNanos) {
            return null;
        }
        return entry.lastData.fromCache(past < 0 ? seconds(-past) : -Math.max(1, seconds(past)));
    }

    /**
     * Keeps {@code answer} for as long as its TTL allows; failures and zero TTLs are not kept, except
     * that with a stale window an answer with data and TTL 0 (dnsmasq's default for its own names) is
     * kept as the last good one, no hit. A negative answer does not drop the last answer with data
     * while that is within the stale window.
     */
    public void put(String name, int type, DnsAnswer answer) {
        long ttl = ttlOf(answer);
        if (ttl <= 0 && (staleNanos == 0 || answer.status() != DnsAnswer.Status.DATA)) {
            return;
        }
        long now = nanoClock.getAsLong();
        long expires = now + ttl * 1_000_000_000L;
        Key key = new Key(name, type);
        if (answer.status() == DnsAnswer.Status.DATA) {
            entries.put(key, new Entry(answer, expires, staleNanos > 0 ? answer : null, expires));
        } else if (staleNanos == 0) {
            entries.put(key, new Entry(answer, expires, null, 0));
        } else {
            entries.compute(key, new BiFunction<Key, Entry, Entry>() { // not a lambda: often on a JVM's first lookups
                @Override
                public Entry apply(Key k, Entry old) {
                    return old == null || old.lastData == null || now - old.lastDataExpiresAtNanos >= staleNanos
                            ? new Entry(answer, expires, null, 0)
                            : new Entry(answer, expires, old.lastData, old.lastDataExpiresAtNanos);
                }
            });
        }
        if (entries.size() > maxEntries) {
            shrink(now);
        }
    }

    /** Counts a lookup's questions to the cache (one per record type): {@code missing} of {@code asked} it could not answer. */
    public void counted(int asked, int missing) {
        hits.add(asked - missing);
        misses.add(missing);
    }

    public CacheFigures figures() {
        return new CacheFigures(entries.size(), hits.sum(), misses.sum());
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }

    long ttlOf(DnsAnswer answer) {
        return switch (answer.status()) {
            case DATA -> clamp(answer.ttl(), maxTtl);
            case NXDOMAIN, NODATA -> clamp(answer.ttl() == DnsAnswer.NO_SOA ? NEGATIVE_TTL_WITHOUT_SOA.toSeconds() : answer.ttl(), maxNegativeTtl);
            case FAILED -> 0;
        };
    }

    private long clamp(long ttl, long max) {
        return Math.min(max, Math.max(minTtl, ttl));
    }

    /**
     * Drops the expired entries, then, if still over a tenth below the bound, those closest to
     * expiring (the least useful), so that sweeps stay rare under steady inserts.
     */
    private synchronized void shrink(long now) {
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.values().removeIf(entry -> entry.expiresAtNanos - now <= 0
                && (entry.lastData == null || now - entry.lastDataExpiresAtNanos >= staleNanos));
        int target = maxEntries - maxEntries / 10;
        if (entries.size() <= target) {
            return;
        }
        List<Map.Entry<Key, Entry>> live = new ArrayList<>(entries.entrySet());
        live.sort((a, b) -> Long.compare(a.getValue().expiresAtNanos, b.getValue().expiresAtNanos));
        for (int i = 0; i < live.size() - target; i++) {
            entries.remove(live.get(i).getKey(), live.get(i).getValue());
        }
    }
}
