package dev.resolvechain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chain's log messages at info and above while it is open, seen as a listener: where the log
 * goes is not changed, and tests running at the same time each see every message (so a test looks
 * for the messages that name its own files or servers).
 */
public final class LogCapture implements Log.Sink, AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Log.Listening listening;

    private LogCapture() {
        listening = Log.listen(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public boolean enabled(Log.Level level) {
        return level.compareTo(Log.Level.INFO) <= 0;
    }

    @Override
    public void log(Log.Level level, String message) {
        messages.add(level + " " + message);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** The messages containing {@code text}. */
    public List<String> containing(String text) {
        return messages.stream().filter(message -> message.contains(text)).toList();
    }

    @Override
    public void close() {
        listening.close();
    }
}
