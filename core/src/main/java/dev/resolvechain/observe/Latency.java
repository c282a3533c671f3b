package dev.resolvechain.observe;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram of durations in powers of two of microseconds (bucket {@code i} holds durations below
 * {@code 2^i} µs), lock-free: percentiles are read as the upper bound of their bucket, within a factor of 2.
 */
final class Latency {
    private static final int BUCKETS = 40;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void add(long micros) {
        int bucket = micros <= 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
        counts.incrementAndGet(bucket);
    }

    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The duration (µs) below which a fraction {@code quantile} of those added fall, as its bucket's upper bound; 0 when none was added. */
    long percentileMicros(double quantile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= wanted) {
                return 1L << i;
            }
        }
        return 1L << (BUCKETS - 1);
    }
}
