package dev.resolvechain.agent.log;

import dev.resolvechain.config.LogLevel;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The application's own slf4j, where the agent's lines go once the application has loaded it with a
 * binding (Logback, Log4j's, JUL's...): the agent bundles none, and takes no decision for the
 * application before it has made its own. Reached by reflection, in the class loader that loaded the
 * application's {@code LoggerFactory} (seen by the agent's class transformer as it loads). Without a
 * binding (slf4j's NOP) the lines stay on standard error. A line logged while this thread is already
 * logging (a binding that resolves a name) goes to standard error too.
 */
public final class ApplicationSlf4j {
    /**
     * {@code org/slf4j/LoggerFactory}, joined at run time: the agent jar's build relocates every string
     * constant that names slf4j to the agent's own shaded copy, and the application's is the one wanted.
     */
    public static final String LOGGER_FACTORY = String.join("/", "org", "slf4j", "LoggerFactory");
    private static final String LOGGER_NAME = "resolvechain";
    private static final ThreadLocal<Boolean> LOGGING = new ThreadLocal<>();

    private static volatile ClassLoader loader;
    /** Null until decided; then the logger, or {@link #STDERR} when the application has no binding. */
    private static volatile Target target;
    private static final Target STDERR = new Target(null, new Method[0]);

    private ApplicationSlf4j() {
    }

    /** {@code loader} has loaded the application's {@code LoggerFactory}: the next line may go there. */
    public static void loaded(ClassLoader factoryLoader) {
        if (loader == null && factoryLoader != null) {
            loader = factoryLoader;
        }
    }

    /** Sends {@code message} to the application's slf4j; false when it is not there (then the caller writes it). */
    static boolean log(LogLevel at, String message) {
        if (loader == null || target == STDERR || LOGGING.get() != null) {
            return false;
        }
        LOGGING.set(Boolean.TRUE);
        try {
            Target current = target != null ? target : decide();
            return current != null && current != STDERR && current.log(at, message);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            target = STDERR;
            return false;
        } finally {
            LOGGING.remove();
        }
    }

    /** The logger, once slf4j has found its binding (null: still initialising, ask again at the next line). */
    private static Target decide() throws ReflectiveOperationException {
        Class<?> factory = Class.forName(LOGGER_FACTORY.replace('/', '.'), true, loader);
        Object loggerFactory = factory.getMethod("getILoggerFactory").invoke(null);
        String kind = loggerFactory.getClass().getName();
        if (kind.endsWith("SubstituteLoggerFactory")) {
            return null;
        }
        if (kind.endsWith("NOPLoggerFactory")) {
            target = STDERR;
            return STDERR;
        }
        Object logger = factory.getMethod("getLogger", String.class).invoke(null, LOGGER_NAME);
        Class<?> loggerType = Class.forName(String.join(".", "org", "slf4j", "Logger"), false, loader);
        Method[] byLevel = new Method[LogLevel.values().length];
        for (LogLevel level : LogLevel.values()) {
            if (level != LogLevel.OFF) {
                byLevel[level.ordinal()] = loggerType.getMethod(level.name().toLowerCase(Locale.ROOT), String.class);
            }
        }
        Target decided = new Target(logger, byLevel);
        target = decided;
        return decided;
    }

    /** One logger and its methods per level: {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace} of a {@code String}. */
    private record Target(Object logger, Method[] byLevel) {
        boolean log(LogLevel at, String message) throws ReflectiveOperationException {
            Method method = at.ordinal() < byLevel.length ? byLevel[at.ordinal()] : null;
            if (method == null) {
                return false;
            }
            method.invoke(logger, message);
            return true;
        }
    }
}
