package dev.resolvechain.dns;

import dev.resolvechain.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The chain's log messages at warn and above while it is open (then the default sink again). */
public final class LogCapture implements Log.Sink, AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Log.use(capture);
        return capture;
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
        Log.use(null);
    }
}
