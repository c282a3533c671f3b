package dev.resolvechain;

import java.util.Map;

/** A tier that can show the settings it actually uses (for {@code explain} and {@code status}). */
public interface Configured {
    Map<String, Object> settings();
}
