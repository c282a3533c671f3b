package dev.resolvechain.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings in force, each with where its value came from. Immutable. */
public final class Config {
    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, String> sources;

    Config(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** The value, or null for a key that is unset (a tier that is off). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    public boolean isSet(Setting<?> setting) {
        return values.get(setting) != null;
    }

    /** {@code default}, {@code agent argument}, {@code system property resolvechain.x}, ... */
    public String source(Setting<?> setting) {
        return sources.get(setting);
    }
}
