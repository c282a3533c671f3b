package dev.resolvechain.observe;

import dev.resolvechain.Resolution;

/**
 * The JFR events, {@code dev.resolvechain.Lookup} and {@code dev.resolvechain.Reload}, when the runtime
 * has JFR (module {@code jdk.jfr}; a trimmed runtime may not): the event classes are only touched after
 * that check, so they never fail to load. With no recording on, each costs a check of a flag.
 */
public final class JfrEvents {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private JfrEvents() {
    }

    static void lookup(String resolver, Resolution resolution) {
        if (AVAILABLE) {
            LookupEvent.commit(resolver, resolution);
        }
    }

    /**
     * A source of the chain read again: {@code source} names it (a file, the alias source), {@code taken}
     * whether what was read is now in force (else the last good state stays), {@code detail} what changed or why not.
     */
    public static void reload(String source, boolean taken, String detail) {
        if (AVAILABLE) {
            ReloadEvent.commit(source, taken, detail);
        }
    }
}
