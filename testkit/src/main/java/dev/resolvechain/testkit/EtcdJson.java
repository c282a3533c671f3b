package dev.resolvechain.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little JSON the harness writes to and reads from etcd's gateway. It reads only string fields (the gateway writes
 * int64 as strings) whose values hold no escapes: base64, decimal numbers, tokens.
 */
final class EtcdJson {

    private EtcdJson() {}

    /** {@code {"name":"value",...}} of the pairs given, every value a string. */
    static String object(String... namesAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ",").append(quote(namesAndValues[i])).append(':').append(quote(namesAndValues[i + 1]));
        }
        return json.append('}').toString();
    }

    /** The value of the first {@code "name":"value"} in {@code json}, or null. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"\\\\]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The first {@code "name":"N"} as a number; throws naming the reply when it has none. */
    static long number(String json, String name) {
        String value = field(json, name);
        if (value == null) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return Long.parseLong(value);
    }

    /** The value of the one key a {@code kv/range} reply holds: null when it holds none, "" when the value is empty. */
    static String rangeValue(String range) {
        if (!range.contains("\"kvs\":")) {
            return null;
        }
        String value = field(range, "value");
        return value == null ? "" : text(value);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < ' ') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
