package dev.resolvechain.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Parsers for the value types of the settings; each throws IllegalArgumentException saying what it expected. */
final class Values {
    private Values() {
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or {@code 0}. */
    static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        int unitStart = 0;
        while (unitStart < t.length() && Character.isDigit(t.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart == t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write 250ms, 5s, 2m or 1h)");
        }
        long amount = Long.parseLong(t.substring(0, unitStart));
        switch (t.substring(unitStart)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                throw new IllegalArgumentException("'" + text + "' is not a duration (write 250ms, 5s, 2m or 1h)");
        }
    }

    static Duration positiveDuration(String text) {
        Duration d = duration(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be more than 0");
        }
        return d;
    }

    static boolean bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("'" + text + "' is not true or false");
        }
    }

    static Path path(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return Path.of(text);
    }

    /** Comma-separated; blanks dropped; an empty text is an empty list. */
    static <T> Function<String, List<T>> list(Function<String, T> element) {
        return text -> {
            List<T> out = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(element.apply(part.trim()));
                }
            }
            return List.copyOf(out);
        };
    }

    static <E extends Enum<E>> Function<String, E> oneOf(Class<E> type) {
        return text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", allowed));
        };
    }

    /** A DNS name suffix, lower case, without leading or trailing dots; {@code *} stays {@code *}. */
    static String domain(String text) {
        String d = text.toLowerCase(Locale.ROOT);
        while (d.startsWith(".")) {
            d = d.substring(1);
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a domain");
        }
        return d;
    }
}
