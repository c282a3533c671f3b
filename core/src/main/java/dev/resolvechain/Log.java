package dev.resolvechain;

/**
 * The chain's log. In class-path mode it is the application's slf4j; the agent routes it to its
 * own one-line-per-event log instead, so that no logging framework is initialised at JVM start and
 * none can resolve a name on the chain's behalf.
 */
public final class Log {
    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    /** Where log events go. */
    public interface Sink {
        boolean enabled(Level level);

        void log(Level level, String message);
    }

    private static volatile Sink sink;

    private Log() {
    }

    public static void use(Sink newSink) {
        sink = newSink;
    }

    public static boolean enabled(Level level) {
        return sink().enabled(level);
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
