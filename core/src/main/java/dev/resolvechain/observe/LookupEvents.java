package dev.resolvechain.observe;

import dev.resolvechain.Resolution;

/**
 * JFR's {@code dev.resolvechain.Lookup} events, when the runtime has JFR (module {@code jdk.jfr}; a
 * trimmed runtime may not): the event class is only touched after that check, so it never fails to load.
 */
final class LookupEvents {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private LookupEvents() {
    }

    static void commit(String resolver, Resolution resolution) {
        if (AVAILABLE) {
            LookupEvent.commit(resolver, resolution);
        }
    }
}
