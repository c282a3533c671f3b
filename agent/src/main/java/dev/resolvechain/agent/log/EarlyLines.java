package dev.resolvechain.agent.log;

import dev.resolvechain.config.LogLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines below {@code INFO} logged before {@code log.level} is known (it is read with the
 * configuration, once the chain is wanted): kept, {@link #CAPACITY} at most, to be written or not
 * once it is. A JVM that ends first never writes them.
 */
final class EarlyLines {
    static final int CAPACITY = 64;

    private volatile boolean levelKnown;
    /** Guarded by this. */
    private final List<Line> kept = new ArrayList<>();
    private int dropped;

    boolean levelKnown() {
        return levelKnown;
    }

    /** Keeps a line logged {@code at} a level below {@code INFO}; false when {@code log.level} is known now. */
    synchronized boolean keep(LogLevel at, String message, Throwable error) {
        if (levelKnown) {
            return false;
        }
        if (kept.size() < CAPACITY) {
            kept.add(new Line(at, message, error));
        } else {
            dropped++;
        }
        return true;
    }

    /** {@code log.level} is known from now on: the lines kept, in order, and one saying how many were not. */
    synchronized List<Line> levelRead() {
        levelKnown = true;
        List<Line> lines = new ArrayList<>(kept);
        if (dropped > 0) {
            lines.add(new Line(LogLevel.DEBUG, dropped + " more lines below INFO, logged before log.level was read, were not kept", null));
        }
        kept.clear();
        dropped = 0;
        return lines;
    }

    record Line(LogLevel at, String message, Throwable error) {
    }
}
