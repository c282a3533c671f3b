package dev.resolvechain.alias.etcd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON etcd's gateway answers: objects, arrays, strings, {@code true}/{@code false}/{@code null}
 * and numbers, kept as their text (etcd writes 64-bit integers as strings, and ids beyond a double's
 * precision). What is not JSON, or nests deeper than {@link #MAX_DEPTH}, is an {@link EtcdException}
 * naming the offset. Also the small helpers for the fields every answer has.
 */
final class EtcdJson {
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private EtcdJson(String text) {
        this.text = text;
    }

    /** The object {@code text} holds. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) throws EtcdException {
        EtcdJson json = new EtcdJson(text);
        Object value = json.value(0);
        json.skipSpace();
        if (!(value instanceof Map) || json.at != text.length()) {
            throw new EtcdException("the answer is not one JSON object: " + EtcdException.excerpt(text));
        }
        return (Map<String, Object>) value;
    }

    private Object value(int depth) throws EtcdException {
        if (depth > MAX_DEPTH) {
            throw problem("nests deeper than " + MAX_DEPTH);
        }
        skipSpace();
        char c = at < text.length() ? text.charAt(at) : '\0';
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object(int depth) throws EtcdException {
        Map<String, Object> object = new HashMap<>();
        at++;
        skipSpace();
        if (peek('}')) {
            return object;
        }
        do {
            skipSpace();
            if (!(at < text.length() && text.charAt(at) == '"')) {
                throw problem("expected a field name");
            }
            String name = string();
            skipSpace();
            expect(':');
            object.put(name, value(depth + 1));
            skipSpace();
        } while (peek(','));
        expect('}');
        return object;
    }

    private List<Object> array(int depth) throws EtcdException {
        List<Object> array = new ArrayList<>();
        at++;
        skipSpace();
        if (peek(']')) {
            return array;
        }
        do {
            array.add(value(depth + 1));
            skipSpace();
        } while (peek(','));
        expect(']');
        return array;
    }

    private String string() throws EtcdException {
        at++;
        int start = at;
        while (at < text.length() && text.charAt(at) != '"' && text.charAt(at) != '\\') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '"') {
            return text.substring(start, at++); // no escape (every base64 value): one copy, not a char at a time
        }
        StringBuilder string = new StringBuilder(at - start + 16).append(text, start, at);
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return string.toString();
            }
            if (c != '\\') {
                string.append(c);
                continue;
            }
            char escaped = at < text.length() ? text.charAt(at++) : '\0';
            switch (escaped) {
                case 'n' -> string.append('\n');
                case 't' -> string.append('\t');
                case 'r' -> string.append('\r');
                case 'b' -> string.append('\b');
                case 'f' -> string.append('\f');
                case 'u' -> string.append(unicodeEscape());
                case '"', '\\', '/' -> string.append(escaped);
                default -> throw problem("has a bad escape");
            }
        }
        throw problem("has an unterminated string");
    }

    private char unicodeEscape() throws EtcdException {
        if (at + 4 > text.length()) {
            throw problem("has a short \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
            return c;
        } catch (NumberFormatException e) {
            throw problem("has a bad \\u escape");
        }
    }

    private String number() throws EtcdException {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw problem("expected a value");
        }
        return text.substring(start, at);
    }

    private Object literal(String word, Object value) throws EtcdException {
        if (!text.startsWith(word, at)) {
            throw problem("expected a value");
        }
        at += word.length();
        return value;
    }

    private boolean peek(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws EtcdException {
        if (!peek(c)) {
            throw problem("expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\n' || text.charAt(at) == '\r' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private EtcdException problem(String what) {
        return new EtcdException("the answer is not JSON: at offset " + at + " it " + what + ": " + EtcdException.excerpt(text));
    }

    /** Field {@code name} of {@code object} if it is an object, else an empty one (etcd leaves out empty fields). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /** Field {@code name} as a list of objects; absent (etcd leaves out empty lists) is empty. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> children(Map<String, Object> object, String name) throws EtcdException {
        Object value = object.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new EtcdException("field '" + name + "' is not a list");
        }
        for (Object item : (List<Object>) value) {
            if (!(item instanceof Map)) {
                throw new EtcdException("field '" + name + "' holds something other than objects");
            }
        }
        return (List<Map<String, Object>>) value;
    }

    /** A 64-bit field, written as a string or a number; absent is 0. */
    static long number(Map<String, Object> object, String name) throws EtcdException {
        Object value = object.get(name);
        if (value == null) {
            return 0;
        }
        try {
            String written = value.toString(); // ids are unsigned; a lease's TTL is -1 once it expired
            return written.startsWith("-") ? Long.parseLong(written) : Long.parseUnsignedLong(written);
        } catch (NumberFormatException e) {
            throw new EtcdException("field '" + name + "' is not a whole number: " + EtcdException.excerpt(value.toString()));
        }
    }

    static boolean flag(Map<String, Object> object, String name) {
        return Boolean.TRUE.equals(object.get(name));
    }

    /** A bytes field (etcd's standard base64), as UTF-8 text; absent is empty. */
    static String text(Map<String, Object> object, String name) throws EtcdException {
        Object value = object.get(name);
        if (value == null) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EtcdException("field '" + name + "' is not base64: " + EtcdException.excerpt(value.toString()));
        }
    }

    /** {@code text} as etcd's bytes fields carry it. */
    static String bytes(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
