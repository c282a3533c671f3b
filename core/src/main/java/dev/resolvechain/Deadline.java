package dev.resolvechain;

import java.time.Duration;

/**
 * A point in time (monotonic) by which a lookup must be over. Used by the one thread doing the
 * lookup; it moves only when that lookup waited for something it was configured to wait for.
 */
public final class Deadline {
    private long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /**
     * Moves the deadline {@code nanos} later: the lookup spent that long waiting, by configuration,
     * for a tier to come up (the local client during {@code local.awaitReady}), and that time is not
     * taken from the budget of the tiers that follow.
     */
    public void postpone(long nanos) {
        endNanos += Math.max(0, nanos);
    }

    /** The shorter of {@code timeout} and the time left, never negative. */
    public long capNanos(Duration timeout) {
        return Math.min(timeout.toNanos(), remainingNanos());
    }
}
