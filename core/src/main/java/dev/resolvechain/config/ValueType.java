package dev.resolvechain.config;

import dev.resolvechain.Names;
import dev.resolvechain.wire.Endpoint;
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
    /** A whole number, 1 or more. */
    COUNT,
    /** A size in bytes: {@code 65536}, {@code 64k}, {@code 4m} (KiB, MiB), above 0. */
    SIZE,
    ENDPOINT,
    /** Comma-separated endpoints; empty means none. */
    ENDPOINTS,
    /** Comma-separated DNS suffixes, lower case, without leading or trailing dots; {@code *} stays. */
    DOMAINS,
    /** One of the constants of the setting's enum, in any case. */
    ONE_OF;

    Object parse(String text, Class<? extends Enum<?>> choices) {
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
            case COUNT:
                return count(text);
            case SIZE:
                return size(text);
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
            default:
                return oneOf(choices.getEnumConstants(), text);
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


    static Long size(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        if (!digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(Character::isDigit)) {
            long size = Long.parseLong(digits) * unit;
            if (size > 0 && size <= 1L << 30) {
                return size;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a size from 1 byte to 1024m (write 65536, 64k or 4m)");
    }

    private static Integer count(String text) {
        try {
            int count = Integer.parseInt(text);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not a whole number of 1 or more");
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
        String d = Names.bareDomain(text);
        if (d.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a domain");
        }
        return d;
    }


    private static Enum<?> oneOf(Enum<?>[] constants, String text) {
        List<String> allowed = new ArrayList<>();
        for (Enum<?> constant : constants) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", allowed));
    }
}
