package dev.resolvechain.files;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Names;
import dev.resolvechain.Quoted;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosts-file syntax shared by {@code hostsFile} and the alias source: {@code IP name [name ...]},
 * {@code #} starts a comment, IPv4 and IPv6. Names are case-insensitive and a trailing dot is ignored.
 */
public final class HostsFormat {
    private HostsFormat() {
    }

    /** Problems reported of one file; past them a count of the others: a file of a million bad lines is a few log lines. */
    public static final int MAX_PROBLEMS = 5;

    /**
     * Parsed lines and the problems of the lines that could not be parsed (those are left out; at
     * most {@link #MAX_PROBLEMS}, then one that counts the rest); {@code complete}: the text was
     * not empty and ended with a newline (a writer that rewrites a file in place has finished it).
     */
    public record Parsed(List<HostsLine> lines, List<Problem> problems, boolean complete) {
    }

    /**
     * @param source what problems name, by its {@code toString()}: a {@link java.nio.file.Path} keeps
     *     the string it builds, so one is built only for a file with a problem
     */
    private static final int BUFFER = 8192;

    public static Parsed parse(String text, Object source) {
        try {
            return parse(new StringReader(text), source, Math.max(16, Math.min(BUFFER, text.length())));
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to be read", e);
        }
    }

    /** As {@link #parse(String, Object)}, line by line as {@code text} is read: a file is never held whole. */
    public static Parsed parse(Reader text, Object source) throws IOException {
        return parse(text, source, BUFFER);
    }

    private static Parsed parse(Reader text, Object source, int bufferSize) throws IOException {
        List<HostsLine> lines = new ArrayList<>();
        Problems problems = new Problems(source);
        StringBuilder raw = new StringBuilder(Math.min(128, bufferSize));
        char[] buffer = new char[bufferSize];
        int lineNumber = 0;
        boolean any = false;
        boolean open = false;
        for (int n; (n = text.read(buffer)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                any = true;
                if (c == '\n') {
                    line(raw, ++lineNumber, lines, problems);
                    raw.setLength(0);
                    open = false;
                } else {
                    raw.append(c);
                    open = true;
                }
            }
        }
        if (open) {
            line(raw, ++lineNumber, lines, problems);
        }
        return new Parsed(lines, problems.list(), any && !open);
    }

    private static void line(CharSequence raw, int lineNumber, List<HostsLine> lines, Problems problems) {
        String text = raw.toString();
        int hash = text.indexOf('#');
        List<String> fields = fields((hash >= 0 ? text.substring(0, hash) : text).trim());
        if (fields.isEmpty()) {
            return; // blank, or white space that trim() leaves (U+2028, U+3000, ...)
        }
        InetAddress address = IpLiteral.parse(fields.get(0));
        if (address == null) {
            problems.add(lineNumber, Quoted.of(fields.get(0)) + " is not an IP address");
            return;
        }
        if (fields.size() < 2) {
            problems.add(lineNumber, "address " + fields.get(0) + " has no name");
            return;
        }
        List<String> names = new ArrayList<>(fields.size() - 1);
        for (int i = 1; i < fields.size(); i++) {
            String bad = Names.problem(fields.get(i));
            if (bad != null) {
                problems.add(lineNumber, bad);
                return;
            }
            names.add(Names.normalize(fields.get(i)));
        }
        lines.add(new HostsLine(address, names, lineNumber));
    }

    /** The problems of one file: the first {@link #MAX_PROBLEMS}, then a count of the rest. */
    private static final class Problems {
        private final Object source;
        private final List<Problem> first = new ArrayList<>(0);
        private int more;

        Problems(Object source) {
            this.source = source;
        }

        void add(int line, String message) {
            if (first.size() < MAX_PROBLEMS) {
                first.add(new Problem(source.toString(), line, message));
            } else {
                more++;
            }
        }

        List<Problem> list() {
            if (more > 0) {
                first.add(new Problem(source.toString(), 0, "and " + more + " more lines that do not parse"));
            }
            return first;
        }
    }

    /** The whitespace-separated fields of a line (by hand: a regex split costs a compiled pattern per line). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || Character.isWhitespace(line.charAt(i));
            if (space && start >= 0) {
                fields.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return fields;
    }
}
