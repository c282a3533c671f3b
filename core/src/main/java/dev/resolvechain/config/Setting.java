package dev.resolvechain.config;

import dev.resolvechain.wire.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its name, its default as written in a configuration source (null: unset,
 * the tier is off), the type its text must parse as, the range it must fall in, and one line for
 * the docs. {@code min} and {@code max} are in the type's unit: milliseconds for a duration, bytes
 * for a size, the number for a count, characters for a path, items for a list; a key whose values
 * are the constants of an enum names that enum in {@code choices}.
 */
public record Setting<T>(String key, String defaultText, ValueType type, Class<? extends Enum<?>> choices, long min, long max,
                         String meaning) {
    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    /** Linux's PATH_MAX. */
    static final long MAX_PATH_LENGTH = 4096;

    static Setting<Duration> duration(String key, String defaultText, long minMillis, long maxMillis, String meaning) {
        return new Setting<>(key, defaultText, ValueType.DURATION, null, minMillis, maxMillis, meaning);
    }

    static Setting<Long> size(String key, String defaultText, long minBytes, long maxBytes, String meaning) {
        return new Setting<>(key, defaultText, ValueType.SIZE, null, minBytes, maxBytes, meaning);
    }

    static Setting<Integer> count(String key, String defaultText, int min, int max, String meaning) {
        return new Setting<>(key, defaultText, ValueType.COUNT, null, min, max, meaning);
    }

    static Setting<Path> path(String key, String defaultText, String meaning) {
        return new Setting<>(key, defaultText, ValueType.PATH, null, 1, MAX_PATH_LENGTH, meaning);
    }

    /** A path, or an etcd location: as written. */
    static Setting<String> aliasSource(String key, String meaning) {
        return new Setting<>(key, null, ValueType.ALIAS_SOURCE, null, 1, MAX_PATH_LENGTH, meaning);
    }

    static Setting<String> text(String key, int maxLength, String meaning) {
        return new Setting<>(key, null, ValueType.TEXT, null, 1, maxLength, meaning);
    }

    static Setting<Boolean> bool(String key, String defaultText, String meaning) {
        return new Setting<>(key, defaultText, ValueType.BOOLEAN, null, 0, 0, meaning);
    }

    static Setting<Endpoint> endpoint(String key, String defaultText, String meaning) {
        return new Setting<>(key, defaultText, ValueType.ENDPOINT, null, 1, 1, meaning);
    }

    static Setting<List<Endpoint>> endpoints(String key, String defaultText, int maxItems, String meaning) {
        return new Setting<>(key, defaultText, ValueType.ENDPOINTS, null, 0, maxItems, meaning);
    }

    /** DNS suffixes, or {@code *} for every name. */
    static Setting<List<String>> domains(String key, String defaultText, int minItems, int maxItems, String meaning) {
        return new Setting<>(key, defaultText, ValueType.DOMAINS, null, minItems, maxItems, meaning);
    }

    static Setting<List<String>> scopes(String key, String defaultText, int maxItems, String meaning) {
        return new Setting<>(key, defaultText, ValueType.SCOPES, null, 0, maxItems, meaning);
    }

    /** A key whose value is one of {@code choices}' constants, written in any case. */
    static <E extends Enum<E>> Setting<E> oneOf(String key, String defaultText, Class<E> choices, String meaning) {
        return new Setting<>(key, defaultText, ValueType.ONE_OF, choices, 0, 0, meaning);
    }

    /** {@code RESOLVECHAIN_ALIASES_OWNERTTL} for {@code aliases.ownerTtl}. */
    public String environmentName() {
        return "RESOLVECHAIN_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String systemPropertyName() {
        return "resolvechain." + key;
    }

    /** What a value of this key may be, e.g. {@code a duration from 1ms to 10m}: in errors and in docs/configuration.md. */
    public String accepted() {
        return type.accepted(this);
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

    /** The value {@code text} gives, or IllegalArgumentException saying why it gives none and what {@link #accepted} is. */
    @SuppressWarnings("unchecked")
    T parse(String text) {
        return (T) type.parse(text.trim(), this);
    }
}
