package dev.resolvechain.config;

import java.util.function.Function;

/**
 * One configuration key: its name, its default (as written in a configuration source; null when
 * unset means "off"), how its text becomes a value, and one line for the docs.
 */
public record Setting<T>(String key, String defaultText, Function<String, T> parser, String meaning) {

    /** {@code RESOLVECHAIN_ALIASES_OWNERTTL} for {@code aliases.ownerTtl}. */
    public String environmentName() {
        return "RESOLVECHAIN_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    public String systemPropertyName() {
        return "resolvechain." + key;
    }

    T parse(String text) {
        return parser.apply(text.trim());
    }
}
