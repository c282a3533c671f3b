package dev.resolvechain.config;

import java.util.Locale;

/**
 * One configuration key: its name, its default as written in a configuration source (null: unset,
 * the tier is off), the type its text must parse as, and one line for the docs.
 */
public record Setting<T>(String key, String defaultText, ValueType type, String meaning) {

    /** {@code RESOLVECHAIN_ALIASES_OWNERTTL} for {@code aliases.ownerTtl}. */
    public String environmentName() {
        return "RESOLVECHAIN_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String systemPropertyName() {
        return "resolvechain." + key;
    }

    @SuppressWarnings("unchecked")
    T parse(String text) {
        return (T) type.parse(text.trim());
    }
}
