package dev.resolvechain;

import java.util.List;
import java.util.Map;

/** A tier that can show the settings it actually uses (for {@code explain} and {@code status}), and how it fares. */
public interface Configured {
    Map<String, Object> settings();

    /** What only a running JVM knows of the tier (its cache, its owners), for {@code status}: none by default. */
    default Map<String, Object> state() {
        return Map.of();
    }

    /** What is wrong with the tier now, one line each ("local client 127.0.0.1:53 down since ..."): none by default. */
    default List<String> problems() {
        return List.of();
    }
}
