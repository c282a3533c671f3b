package dev.resolvechain.config;

import dev.resolvechain.Durations;
import dev.resolvechain.Names;
import dev.resolvechain.Quoted;
import dev.resolvechain.alias.etcd.EtcdLocation;
import dev.resolvechain.wire.Endpoint;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The types configuration values are written in, each parsed within its setting's range
 * ({@link Setting#min()}, {@link Setting#max()}). A parse throws IllegalArgumentException whose
 * message follows the quoted value: why it is refused, and what the setting accepts. (A switch
 * rather than a parser object per type, and no regular expressions: this runs at JVM start, where
 * every lambda costs a generated class.)
 */
public enum ValueType {
    /** A whole number and a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 250ms}, {@code 5s}), or {@code 0}; in milliseconds. */
    DURATION,
    /** Bytes, or {@code k} / {@code m} for KiB / MiB: {@code 65536}, {@code 64k}, {@code 4m}. */
    SIZE,
    /** A whole number. */
    COUNT,
    /** Not empty, without NUL; its length in characters is what the range bounds. */
    PATH,
    /** A {@link #PATH}, or an etcd location ({@code etcd://HOST:PORT[,HOST:PORT...]/PREFIX}); kept as written. */
    ALIAS_SOURCE,
    /** Text without control characters or surrounding spaces (a user name); its length is what the range bounds. */
    TEXT,
    BOOLEAN,
    ENDPOINT,
    /** Comma-separated endpoints; the range bounds how many. */
    ENDPOINTS,
    /** Comma-separated DNS suffixes, lower case, without leading or trailing dots; {@code *} (every name) stays. */
    DOMAINS,
    /** Comma-separated scope names, lower case, without leading or trailing dots. */
    SCOPES,
    /** One of the constants of the setting's enum, in any case. */
    ONE_OF;

    private static final String ENDPOINT_PROBLEM = "is not an IP address with an optional port"
            + " (a host name is refused: resolving it would need the resolver that is being set up)";

    Object parse(String text, Setting<?> setting) {
        switch (this) {
            case DURATION:
                return Duration.ofMillis(amount(text, setting));
            case SIZE:
                return amount(text, setting);
            case COUNT:
                return (int) amount(text, setting);
            case PATH:
                return path(text, setting);
            case ALIAS_SOURCE:
                return aliasSource(text, setting);
            case TEXT:
                return text(text, setting);
            case BOOLEAN:
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException("is not " + accepted(setting));
            case ENDPOINT:
                return endpoint(text, setting, "");
            case ENDPOINTS:
                List<Endpoint> endpoints = new ArrayList<>();
                for (String item : items(text, setting)) {
                    endpoints.add(endpoint(item, setting, "has an item " + Quoted.of(item) + " that "));
                }
                return List.copyOf(endpoints);
            case DOMAINS:
            case SCOPES:
                List<String> names = new ArrayList<>();
                for (String item : items(text, setting)) {
                    names.add(name(item, setting));
                }
                return List.copyOf(names);
            default:
                return oneOf(text, setting);
        }
    }

    /** What a setting of this type accepts, e.g. {@code a duration from 1ms to 10m}. */
    String accepted(Setting<?> setting) {
        long min = setting.min();
        long max = setting.max();
        switch (this) {
            case DURATION:
                return "a duration from " + Durations.text(Duration.ofMillis(min)) + " to " + Durations.text(Duration.ofMillis(max));
            case SIZE:
                return "a size in bytes from " + sizeText(min) + " to " + sizeText(max);
            case COUNT:
                return "a whole number from " + min + " to " + max;
            case PATH:
                return "a path of " + min + " to " + max + " characters, without NUL";
            case ALIAS_SOURCE:
                return "a path (a file or a directory of alias files) or " + EtcdLocation.SCHEME + "HOST:PORT[,HOST:PORT...]/PREFIX";
            case TEXT:
                return "text of " + min + " to " + max + " characters, without control characters or surrounding spaces";
            case BOOLEAN:
                return "true or false";
            case ENDPOINT:
                return "an IP address with an optional port (1 to 65535)";
            case ENDPOINTS:
                return min + " to " + max + " IP addresses, each with an optional port, comma-separated";
            case DOMAINS:
                return min + " to " + max + " domains, comma-separated, or * for every name";
            case SCOPES:
                return min + " to " + max + " scope names, comma-separated";
            default:
                return words(setting.choices().getEnumConstants());
        }
    }

    /**
     * The whole number at the start of {@code text} times the unit that follows it, within the
     * setting's range. Digits are ASCII only, and the number is compared with the maximum as it is
     * read, so no text can overflow it.
     */
    private long amount(String text, Setting<?> setting) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        long unit = unit(text.substring(digits));
        if (digits == 0 || unit == 0 || (this == DURATION && digits == text.length() && !zeros(text))) {
            throw new IllegalArgumentException(syntaxProblem() + "; expected " + accepted(setting));
        }
        long amount = 0;
        for (int i = 0; i < digits && amount <= setting.max(); i++) {
            amount = amount * 10 + text.charAt(i) - '0';
        }
        if (amount > setting.max() / unit || amount * unit < setting.min()) {
            throw new IllegalArgumentException("is out of range; expected " + accepted(setting));
        }
        return amount * unit;
    }

    /** What the unit {@code suffix} multiplies by; 0 when this type has no such unit. A duration's {@code 0} needs none. */
    private long unit(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        if (this == DURATION) {
            return suffix.equalsIgnoreCase("ms") ? 1 : suffix.equalsIgnoreCase("s") ? Setting.SECOND
                    : suffix.equalsIgnoreCase("m") ? Setting.MINUTE : suffix.equalsIgnoreCase("h") ? Setting.HOUR : 0;
        }
        if (this == SIZE) {
            return suffix.equalsIgnoreCase("k") ? 1L << 10 : suffix.equalsIgnoreCase("m") ? 1L << 20 : 0;
        }
        return 0;
    }

    private String syntaxProblem() {
        switch (this) {
            case DURATION:
                return "is not a duration (write 250ms, 5s, 2m or 1h)";
            case SIZE:
                return "is not a size (write 65536, 64k or 4m)";
            default:
                return "is not a whole number";
        }
    }

    private static boolean zeros(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** {@code 1024m}, {@code 64k} or {@code 1000}: as the configuration writes a size. */
    private static String sizeText(long bytes) {
        if (bytes > 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        return bytes > 0 && bytes % (1 << 10) == 0 ? (bytes >> 10) + "k" : Long.toString(bytes);
    }

    private static String aliasSource(String text, Setting<?> setting) {
        if (!EtcdLocation.isEtcd(text)) {
            ALIAS_SOURCE.path(text, setting);
            return text;
        }
        try {
            EtcdLocation.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            String quoted = "'" + text + "'"; // the value is already quoted before this message
            String why = e.getMessage().startsWith(quoted) ? e.getMessage().substring(quoted.length()).replaceFirst("^: ", "") : e.getMessage();
            throw new IllegalArgumentException("is not an etcd location here (" + why + "); expected " + ALIAS_SOURCE.accepted(setting));
        }
    }

    private String text(String text, Setting<?> setting) {
        boolean control = false;
        for (int i = 0; i < text.length(); i++) {
            control |= Character.isISOControl(text.charAt(i));
        }
        if (text.length() < setting.min() || text.length() > setting.max() || control || !text.equals(text.strip())) {
            throw new IllegalArgumentException("is not " + accepted(setting));
        }
        return text;
    }

    private Path path(String text, Setting<?> setting) {
        String problem = text.isEmpty() ? "is empty"
                : text.length() > setting.max() ? "is " + text.length() + " characters long"
                : text.indexOf('\0') >= 0 ? "has a NUL character" : null;
        if (problem == null) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                problem = "is not a path here (" + e.getReason() + ")";
            }
        }
        throw new IllegalArgumentException(problem + "; expected " + accepted(setting));
    }

    /** {@code text} as an endpoint; refused with {@code subject} before the problem (empty: the whole value). */
    private Endpoint endpoint(String text, Setting<?> setting, String subject) {
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            // Endpoint's own message repeats the text unquoted
            throw new IllegalArgumentException(subject + ENDPOINT_PROBLEM + "; expected " + accepted(setting));
        }
    }

    /**
     * The non-blank comma-separated items of {@code text}, as many as the setting's range allows. A
     * value of commas alone is refused even where an empty list is accepted: it can only be a slip.
     */
    private List<String> items(String text, Setting<?> setting) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        if (items.size() < setting.min() || (items.isEmpty() && !text.isEmpty())) {
            throw new IllegalArgumentException("has no item; expected " + accepted(setting));
        }
        if (items.size() > setting.max()) {
            throw new IllegalArgumentException("has " + items.size() + " items; expected " + accepted(setting));
        }
        return items;
    }

    /** A domain or scope name, lower case and without the dots around it; {@code *} is a domain. */
    private String name(String item, Setting<?> setting) {
        if (this == DOMAINS && item.equals("*")) {
            return item;
        }
        String name = Names.bareDomain(item);
        String problem = Names.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("has an item that is not a " + (this == DOMAINS ? "domain" : "scope name") + ": "
                    + problem + "; expected " + accepted(setting));
        }
        return name;
    }

    private static Enum<?> oneOf(String text, Setting<?> setting) {
        for (Enum<?> constant : setting.choices().getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("is not " + words(setting.choices().getEnumConstants()));
    }

    /** {@code off, error, warn or info}. */
    private static String words(Enum<?>[] constants) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < constants.length; i++) {
            words.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ").append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        return words.toString();
    }
}
