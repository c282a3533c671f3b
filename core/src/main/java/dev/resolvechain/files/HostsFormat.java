package dev.resolvechain.files;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Names;
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

    /** Parsed lines and the problems of the lines that could not be parsed (those are left out). */
    public record Parsed(List<HostsLine> lines, List<Problem> problems) {
    }

    /**
     * @param source what problems name, by its {@code toString()}: a {@link java.nio.file.Path} keeps
     *     the string it builds, so one is built only for a file with a problem
     */
    public static Parsed parse(String text, Object source) {
        List<HostsLine> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            int hash = raw.indexOf('#');
            String content = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (content.isEmpty()) {
                continue;
            }
            List<String> fields = fields(content);
            InetAddress address = IpLiteral.parse(fields.get(0));
            if (address == null) {
                problems.add(new Problem(source.toString(), lineNumber, "'" + fields.get(0) + "' is not an IP address"));
                continue;
            }
            if (fields.size() < 2) {
                problems.add(new Problem(source.toString(), lineNumber, "address " + fields.get(0) + " has no name"));
                continue;
            }
            List<String> names = new ArrayList<>(fields.size() - 1);
            String bad = null;
            for (int i = 1; i < fields.size() && bad == null; i++) {
                bad = Names.problem(fields.get(i));
                names.add(Names.normalize(fields.get(i)));
            }
            if (bad != null) {
                problems.add(new Problem(source.toString(), lineNumber, bad));
                continue;
            }
            lines.add(new HostsLine(address, names, lineNumber));
        }
        return new Parsed(lines, problems);
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
