package dev.resolvechain.observe;

import dev.resolvechain.Resolution;
import jdk.jfr.FlightRecorder;

/**
 * The JFR events, {@code dev.resolvechain.Lookup} and {@code dev.resolvechain.Reload}, when the runtime
 * has JFR (module {@code jdk.jfr}; a trimmed runtime may not) and JFR has been started (a recording, now
 * or earlier): until then the event classes are not touched, since the first of them loads some 100
 * classes of JFR (10 ms) into a JVM that may never record. With no recording on, each costs a flag check.
 */
public final class JfrEvents {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private JfrEvents() {
    }

    static void lookup(String resolver, Resolution resolution) {
        if (AVAILABLE && FlightRecorder.isInitialized()) {
            Registered.BOTH.ensure();
            LookupEvent.commit(resolver, resolution);
        }
    }

    /**
     * A source of the chain read again: {@code source} names it (a file, the alias source), {@code taken}
     * whether what was read is now in force (else the last good state stays), {@code detail} what changed or why not.
     */
    public static void reload(String source, boolean taken, String detail) {
        if (AVAILABLE && FlightRecorder.isInitialized()) {
            Registered.BOTH.ensure();
            ReloadEvent.commit(source, taken, detail);
        }
    }

    /**
     * Both event types registered with JFR at the first event of either: a type JFR meets only at its first
     * commit can lose that event while the recordings' settings reach it, and a reload may happen once.
     */
    private enum Registered {
        BOTH;

        Registered() {
            FlightRecorder.register(LookupEvent.class);
            FlightRecorder.register(ReloadEvent.class);
        }

        void ensure() {
            // the constructor ran when the class initialised
        }
    }
}
