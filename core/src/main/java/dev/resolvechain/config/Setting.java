package dev.resolvechain.config;

import java.util.Locale;

/**
 * One configuration key: its name, its default as written in a configuration source (null: unset,
 * the tier is off), the type its text must parse as, and one line for the docs. A key whose values
 * are the constants of an enum names that enum in {@code choices}.
 */
public record Setting<T>(String key, String defaultText, ValueType type, Class<? extends Enum<?>> choices, String meaning) {

    Setting(String key, String defaultText, ValueType type, String meaning) {
        this(key, defaultText, type, null, meaning);
    }

    /** A key whose value is one of {@code choices}' constants, written in any case. */
    static <E extends Enum<E>> Setting<E> oneOf(String key, String defaultText, Class<E> choices, String meaning) {
        return new Setting<>(key, defaultText, ValueType.ONE_OF, choices, meaning);
    }

    /** {@code RESOLVECHAIN_ALIASES_OWNERTTL} for {@code aliases.ownerTtl}. */
    public String environmentName() {
        return "RESOLVECHAIN_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String systemPropertyName() {
        return "resolvechain." + key;
    }

    /**
     * Identity: each setting is one constant. (A record's generated equals/hashCode bootstrap
     * through invokedynamic on first use, some 40 ms at JVM start, where settings are map keys.)
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @SuppressWarnings("unchecked")
    T parse(String text) {
        return (T) type.parse(text.trim(), choices);
    }
}
