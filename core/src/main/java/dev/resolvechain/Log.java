package dev.resolvechain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chain's log. In class-path mode it is the application's slf4j; the agent routes it to its
 * own one-line-per-event log instead ({@link #use}, once per process), so that no logging framework
 * is initialised at JVM start and none can resolve a name on the chain's behalf. Listeners
 * ({@link #listen}) see every event as well, without changing where the log goes.
 */
public final class Log {
    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    /** Where log events go. */
    public interface Sink {
        boolean enabled(Level level);

        void log(Level level, String message);
    }

    private static volatile Sink sink;
    private static final List<Sink> LISTENERS = new CopyOnWriteArrayList<>();

    private Log() {
    }

    /** Where the log goes from now on: the process's choice (the agent's, a benchmark's). */
    public static void use(Sink newSink) {
        sink = newSink;
    }

    /** {@code listener} sees every event it is enabled for, besides the sink, until the returned handle is closed. */
    public static Listening listen(Sink listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** A listener's registration; closing it ends it. */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean enabled(Level level) {
        if (sink().enabled(level)) {
            return true;
        }
        for (Sink listener : LISTENERS) {
            if (listener.enabled(level)) {
                return true;
            }
        }
        return false;
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    private static void log(Level level, String message) {
        Sink current = sink();
        if (current.enabled(level)) {
            current.log(level, message);
        }
        for (Sink listener : LISTENERS) {
            if (listener.enabled(level)) {
                listener.log(level, message);
            }
        }
    }

    private static Sink sink() {
        Sink current = sink;
        if (current == null) {
            current = new Slf4jSink();
            sink = current;
        }
        return current;
    }

    /** Loaded only when no other sink was chosen: slf4j is then initialised on first use. */
    private static final class Slf4jSink implements Sink {
        private final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("resolvechain");

        @Override
        public boolean enabled(Level level) {
            switch (level) {
                case ERROR:
                    return logger.isErrorEnabled();
                case WARN:
                    return logger.isWarnEnabled();
                case INFO:
                    return logger.isInfoEnabled();
                case DEBUG:
                    return logger.isDebugEnabled();
                default:
                    return logger.isTraceEnabled();
            }
        }

        @Override
        public void log(Level level, String message) {
            switch (level) {
                case ERROR -> logger.error(message);
                case WARN -> logger.warn(message);
                case INFO -> logger.info(message);
                case DEBUG -> logger.debug(message);
                default -> logger.trace(message);
            }
        }
    }
}
