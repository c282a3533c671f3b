package dev.resolvechain.benchmarks;

import dev.resolvechain.Log;

/** The chain's log in a benchmark JVM: warnings and errors to stderr, indented; nothing through slf4j. */
final class BenchLog implements Log.Sink {
    private BenchLog() {
    }

    static void install() {
        Log.use(new BenchLog());
    }

    @Override
    public boolean enabled(Log.Level level) {
        return level.compareTo(Log.Level.WARN) <= 0;
    }

    @Override
    public void log(Log.Level level, String message) {
        System.err.println("  (log) resolvechain " + level + ": " + message);
    }
}
