package dev.resolvechain.agent.log;

import dev.resolvechain.Log;
import dev.resolvechain.config.LogLevel;

/**
 * The agent's own log, at {@code log.level} (read with the configuration, once the chain is wanted;
 * lines below {@code INFO} logged before are kept until then: {@link EarlyLines}): through the
 * application's slf4j once it has one with a binding ({@link ApplicationSlf4j}, logger
 * {@code resolvechain}), else one line per event on standard error. It resolves nothing and starts no thread, so it is safe inside any JVM and inside a lookup.
 * The core's log and dnsjava's slf4j calls both end here.
 */
public final class AgentLog implements Log.Sink {
    public static final AgentLog INSTANCE = new AgentLog();

    private static volatile LogLevel level = LogLevel.INFO;
    private static final EarlyLines EARLY = new EarlyLines();

    private AgentLog() {
    }

    /** {@code log.level} is read: the lines kept until now that it lets through are written. */
    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
        for (EarlyLines.Line line : EARLY.levelRead()) {
            log(line.at(), line.message(), line.error());
        }
    }

    public static void error(String message) {
        log(LogLevel.ERROR, message, null);
    }

    public static void info(String message) {
        log(LogLevel.INFO, message, null);
    }

    /** Whether a line at {@code at} is worth making: written now, or kept until {@code log.level} is known. */
    static boolean enabled(LogLevel at) {
        return written(at) || (!EARLY.levelKnown() && at.compareTo(LogLevel.INFO) > 0);
    }

    private static boolean written(LogLevel at) {
        return at != LogLevel.OFF && at.compareTo(level) <= 0;
    }

    static void log(LogLevel at, String message, Throwable error) {
        if (at.compareTo(LogLevel.INFO) > 0 && !EARLY.levelKnown() && EARLY.keep(at, message, error)) {
            return;
        }
        if (written(at) && !ApplicationSlf4j.log(at, message)) {
            System.err.println("resolvechain " + at + ": " + message);
            if (error != null && written(LogLevel.DEBUG)) {
                error.printStackTrace();
            }
        }
    }

    @Override
    public boolean enabled(Log.Level at) {
        return enabled(LogLevel.valueOf(at.name()));
    }

    @Override
    public void log(Log.Level at, String message) {
        log(LogLevel.valueOf(at.name()), message, null);
    }
}
