package dev.resolvechain.agent.log;

import dev.resolvechain.config.Settings.LogLevel;
import java.io.PrintStream;

/**
 * The agent's own log: one line per event on standard error, at {@code log.level}. It writes
 * nothing else, resolves nothing and starts no thread, so it is safe inside any JVM and inside a lookup.
 */
public final class AgentLog {
    private static volatile LogLevel level = LogLevel.INFO;

    private AgentLog() {
    }

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    public static boolean enabled(LogLevel at) {
        return at != LogLevel.OFF && level != LogLevel.OFF && at.ordinal() <= level.ordinal();
    }

    public static void error(String message) {
        log(LogLevel.ERROR, message, null);
    }

    public static void info(String message) {
        log(LogLevel.INFO, message, null);
    }

    static void log(LogLevel at, String message, Throwable error) {
        if (!enabled(at)) {
            return;
        }
        PrintStream err = System.err;
        err.println("resolvechain " + at + ": " + message);
        if (error != null && enabled(LogLevel.DEBUG)) {
            error.printStackTrace(err);
        }
    }
}
