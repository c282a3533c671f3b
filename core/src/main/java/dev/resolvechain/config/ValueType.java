package dev.resolvechain.config;

import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.config.Settings.LogLevel;
import dev.resolvechain.local.LocalTier.OnDown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The types configuration values are written in. Each parse throws IllegalArgumentException saying
 * what it expected. (A switch rather than a parser object per type: this runs at JVM start, where
 * every lambda costs a generated class.)
 */
public enum ValueType {
    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or {@code 0}. */
    DURATION,
    /** A duration above zero. */
    POSITIVE_DURATION,
    PATH,
    BOOLEAN,
    ENDPOINT,
    /** Comma-separated endpoints; empty means none. */
    ENDPOINTS,
    /** Comma-separated DNS suffixes, lower case, without leading or trailing dots; {@code *} stays. */
    DOMAINS,
    ON_DOWN,
    ALIAS_ORDER,
    LOG_LEVEL;

    Object parse(String text) {
        switch (this) {
            case DURATION:
                return duration(text);
            case POSITIVE_DURATION:
                Duration d = duration(text);
                if (d.isZero()) {
                    throw new IllegalArgumentException("must be more than 0");
                }
                return d;
            case PATH:
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("empty path");
                }
                return Path.of(text);
            case BOOLEAN:
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException("'" + text + "' is not true or false");
            case ENDPOINT:
                return Endpoint.parse(text);
            case ENDPOINTS:
                List<Endpoint> endpoints = new ArrayList<>();
                for (String part : items(text)) {
                    endpoints.add(Endpoint.parse(part));
                }
                return List.copyOf(endpoints);
            case DOMAINS:
                List<String> domains = new ArrayList<>();
                for (String part : items(text)) {
                    domains.add(domain(part));
                }
                return List.copyOf(domains);
            case ON_DOWN:
                return oneOf(OnDown.values(), text);
            case ALIAS_ORDER:
                return oneOf(AliasOrder.values(), text);
            default:
                return oneOf(LogLevel.values(), text);
        }
    }

    static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        int unitStart = 0;
        while (unitStart < t.length() && Character.isDigit(t.charAt(unitStart))) {
            unitStart++;
        }
        String unit = t.substring(unitStart);
        if (unitStart > 0 && unitStart <= 12) {
            long amount = Long.parseLong(t.substring(0, unitStart));
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (write 250ms, 5s, 2m or 1h)");
    }

    /** {@code d} as a configuration value is written: {@code 0}, {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    public static String durationText(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 60 != 0) {
            return seconds + "s";
        }
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds / 60 + "m";
    }

    private static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    private static String domain(String text) {
        String d = bareDomain(text);
        if (d.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a domain");
        }
        return d;
    }

    /** {@code text} trimmed, in lower case, without leading and trailing dots; empty when nothing else is left. */
    public static String bareDomain(String text) {
        String d = text.trim().toLowerCase(Locale.ROOT);
        int start = 0;
        int end = d.length();
        while (start < end && d.charAt(start) == '.') {
            start++;
        }
        while (end > start && d.charAt(end - 1) == '.') {
            end--;
        }
        return d.substring(start, end);
    }

    private static <E extends Enum<E>> E oneOf(E[] constants, String text) {
        List<String> allowed = new ArrayList<>();
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", allowed));
    }
}
