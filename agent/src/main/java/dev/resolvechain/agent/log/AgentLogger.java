package dev.resolvechain.agent.log;

import dev.resolvechain.config.LogLevel;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** The slf4j logger of the agent's shaded copy of the core: everything goes to {@link AgentLog}. */
final class AgentLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    AgentLogger(String name) {
        this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable error) {
        AgentLog.log(LogLevel.valueOf(level.name()), MessageFormatter.basicArrayFormat(pattern, arguments), error);
    }

    @Override
    public boolean isTraceEnabled() {
        return AgentLog.enabled(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return AgentLog.enabled(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return AgentLog.enabled(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return AgentLog.enabled(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return AgentLog.enabled(LogLevel.ERROR);
    }
}
