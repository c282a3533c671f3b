package dev.resolvechain.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * DNS answers by (name, type), kept as long as their TTL says, within bounds. Positive answers live
 * for their record TTL clamped to [minTtl, maxTtl]; negative ones (NXDOMAIN, NODATA) for the SOA's
 * negative TTL clamped to [minTtl, maxNegativeTtl], and for {@link #NEGATIVE_TTL_WITHOUT_SOA} when
 * the server sent no SOA. Reads take no lock; a write that finds the cache full sweeps it.
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

    private record Key(String name, int type) {
    }

    private record Entry(DnsAnswer answer, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final long minTtl;
    private final long maxTtl;
    private final long maxNegativeTtl;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    public DnsCache() {
        this(DEFAULT_MIN_TTL, DEFAULT_MAX_TTL, DEFAULT_MAX_NEGATIVE_TTL, DEFAULT_MAX_ENTRIES);
    }

    public DnsCache(Duration minTtl, Duration maxTtl, Duration maxNegativeTtl, int maxEntries) {
        this(minTtl, maxTtl, maxNegativeTtl, maxEntries, System::nanoTime);
    }

    DnsCache(Duration minTtl, Duration maxTtl, Duration maxNegativeTtl, int maxEntries, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache holds at least 1 entry, not " + maxEntries);
        }
        this.minTtl = minTtl.toSeconds();
        this.maxTtl = maxTtl.toSeconds();
        this.maxNegativeTtl = maxNegativeTtl.toSeconds();
        this.maxEntries = maxEntries;
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
        return entry.answer.fromCache((left + 999_999_999) / 1_000_000_000);
    }

    /** Keeps {@code answer} for as long as its TTL allows; failures and zero TTLs are not kept. */
    public void put(String name, int type, DnsAnswer answer) {
        long ttl = ttlOf(answer);
        if (ttl <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        entries.put(new Key(name, type), new Entry(answer, now + ttl * 1_000_000_000L));
        if (entries.size() > maxEntries) {
            shrink(now);
        }
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
        entries.values().removeIf(entry -> entry.expiresAtNanos - now <= 0);
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
