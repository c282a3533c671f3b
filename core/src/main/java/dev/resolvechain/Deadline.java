package dev.resolvechain;

import java.time.Duration;

/** A point in time (monotonic) by which a lookup must be over. */
public final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    public long remainingMillis() {
        return (remainingNanos() + 999_999) / 1_000_000;
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** The shorter of {@code timeout} and the time left, never negative. */
    public long capNanos(Duration timeout) {
        return Math.min(timeout.toNanos(), remainingNanos());
    }
}
