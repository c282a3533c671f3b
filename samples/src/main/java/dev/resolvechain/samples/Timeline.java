package dev.resolvechain.samples;

import java.util.Locale;

/**
 * A scenario's output: lines stamped with the seconds since the scenario's clock started
 * ({@code +1.23 s}), and plain lines. Safe for the threads that read the children's output.
 */
final class Timeline {
    private long origin = System.nanoTime();

    /** Starts the clock again: the next stamps count from now. */
    synchronized void restart() {
        origin = System.nanoTime();
    }

    /** {@code +1.23 s  WHO  WHAT}, stamped now. */
    void event(String who, String what) {
        event(System.nanoTime(), who, what);
    }

    /** {@code +1.23 s  WHO  WHAT}, stamped at {@code nanos} (System.nanoTime). */
    synchronized void event(long nanos, String who, String what) {
        System.out.printf(Locale.ROOT, "%8s  %-13s %s%n", at(nanos), who, what);
        System.out.flush();
    }

    /** A line without a stamp. */
    synchronized void say(String text) {
        System.out.println(text);
        System.out.flush();
    }

    /** {@code +1.23 s}: when {@code nanos} (System.nanoTime) was on this clock. */
    synchronized String at(long nanos) {
        return String.format(Locale.ROOT, "%+.2f s", (nanos - origin) / 1e9);
    }

    /** {@code 1.23 s}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** {@code 0.41 ms}, {@code 251 ms}. */
    static String millis(long nanos) {
        double millis = nanos / 1e6;
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.0f ms", millis);
    }

    /** Waits until {@code nanos} (System.nanoTime). */
    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
