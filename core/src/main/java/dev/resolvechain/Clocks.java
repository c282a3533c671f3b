package dev.resolvechain;

import java.util.function.LongSupplier;

/**
 * The system's clocks as suppliers, for the classes that take a clock so tests can give their own.
 * Classes, not method references: they are made when the chain is built at JVM start, where each
 * reference costs a generated class and a bootstrap.
 */
public final class Clocks {
    /** Wall-clock milliseconds, {@link System#currentTimeMillis}. */
    public static final LongSupplier WALL_MILLIS = new LongSupplier() {
        @Override
        public long getAsLong() {
            return System.currentTimeMillis();
        }
    };

    /** Monotonic nanoseconds, {@link System#nanoTime}. */
    public static final LongSupplier NANOS = new LongSupplier() {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    };

    private Clocks() {
    }
}
