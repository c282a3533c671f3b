package dev.resolvechain.dns;

import dev.resolvechain.files.Tokens;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Quoted;
import dev.resolvechain.files.Problem;
import dev.resolvechain.files.TextFiles;
import dev.resolvechain.wire.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The host resolver configuration, read as glibc reads {@code resolv.conf}: keywords at the start of
 * a line ({@code #} or {@code ;} there starts a comment; an indented line is ignored, as glibc
 * ignores it), at most three {@code nameserver}s (a duplicate is left out but counts, so the servers
 * asked are glibc's), the last non-empty {@code search} or {@code domain} line, and {@code options}
 * accumulated over all lines, then the {@code LOCALDOMAIN} and {@code RES_OPTIONS} environment
 * variables. Unlike glibc: a {@code #} or {@code ;} after the keyword also starts a comment (glibc
 * would search a domain named {@code #}); a file without nameservers means no nameserver (glibc
 * would use 127.0.0.1), and no search domain is derived from the host name: the chain never guesses
 * a server; an option without a number is ignored (glibc reads it as 0).
 *
 * @param source       the file read (or the name given for parsed text), for messages
 * @param timeout      per-try timeout ({@code options timeout:N}, 1 to 30 s)
 * @param attempts     tries over the whole server list ({@code options attempts:N}, 1 to 5)
 * @param noReload     {@code options no-reload}: the file is not read again when it changes
 * @param warnings     every line skipped or not used whole, each naming the file and line
 * @param invalidLines the lines that could not be parsed (a subset of the warnings): a change that adds one is not taken
 */
public record ResolvConf(String source, List<Endpoint> nameservers, List<String> search, int ndots,
                         Duration timeout, int attempts, boolean rotate, boolean noReload, List<String> warnings,
                         List<Problem> invalidLines) {

    static final int MAX_NAMESERVERS = 3;
    static final int DEFAULT_NDOTS = 1;
    static final int MAX_NDOTS = 15;
    static final int DEFAULT_TIMEOUT_SECONDS = 5;
    static final int MAX_TIMEOUT_SECONDS = 30;
    static final int DEFAULT_ATTEMPTS = 2;
    static final int MAX_ATTEMPTS = 5;

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        warnings = List.copyOf(warnings);
        invalidLines = List.copyOf(invalidLines);
    }

    /** The file at {@code path}; a missing file is a configuration without nameservers or search domains. */
    public static ResolvConf parse(Path path, Map<String, String> env) {
        try {
            return read(path, env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The file at {@code path}; a missing file is a configuration without nameservers or search domains. */
    static ResolvConf read(Path path, Map<String, String> env) throws IOException {
        String text;
        try {
            text = TextFiles.read(path, "resolv.conf", TextFiles.SMALL_FILE_CAP, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            text = "";
        }
        return parse(text, path.toString(), env);
    }

    /** The same servers, search list and options as {@code other}, read from another file (the warnings are not compared). */
    boolean sameSettings(ResolvConf other) {
        return nameservers.equals(other.nameservers) && search.equals(other.search) && ndots == other.ndots
                && timeout.equals(other.timeout) && attempts == other.attempts && rotate == other.rotate;
    }
    public static ResolvConf parse(String text, String sourceName, Map<String, String> env) {
        Parser parser = new Parser(sourceName);
        List<String> lines = Tokens.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(lines.get(i), i + 1);
        }
        String localDomain = env.get("LOCALDOMAIN");
        if (localDomain != null) {
            parser.search = Parser.domains(Tokens.words(localDomain)); // glibc: it replaces the file's search and domain lines
        }
        String resOptions = env.get("RES_OPTIONS");
        if (resOptions != null) {
            parser.options(Tokens.words(resOptions), 0);
        }
        return parser.build();
    }

    private static final class Parser {
        private final String source;
        private final List<Endpoint> nameservers = new ArrayList<>(MAX_NAMESERVERS);
        /** Every nameserver line taken, duplicates included: glibc counts them towards its three. */
        private int nameserverLines;
        private final List<String> warnings = new ArrayList<>();
        private final List<Problem> invalidLines = new ArrayList<>();
        private List<String> search = List.of();
        private int ndots = DEFAULT_NDOTS;
        private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        private int attempts = DEFAULT_ATTEMPTS;
        private boolean rotate;
        private boolean noReload;

        Parser(String source) {
            this.source = source;
        }

        void line(String raw, int number) {
            if (raw.isEmpty() || raw.charAt(0) == '#' || raw.charAt(0) == ';') {
                return;
            }
            int comment = indexOfComment(raw);
            List<String> words = Tokens.words(comment < 0 ? raw : raw.substring(0, comment));
            if (words.isEmpty()) {
                return;
            }
            if (raw.charAt(0) == ' ' || raw.charAt(0) == '\t') {
                invalid(number, Quoted.of(words.get(0)) + " is indented: glibc ignores such a line, and so does resolvechain");
                return;
            }
            List<String> args = words.subList(1, words.size());
            switch (words.get(0)) {
                case "nameserver" -> nameserver(args, number);
                case "search" -> search = args.isEmpty() ? search : domains(args); // glibc: an empty line changes nothing
                case "domain" -> search = args.isEmpty() ? search : domains(args.subList(0, 1));
                case "options" -> options(args, number);
                default -> {
                    // sortlist, lookup and others do not change which server is asked or for which name
                }
            }
        }

        /** A line that could not be parsed: skipped, and a change of the file that adds one is not taken. */
        private void invalid(int number, String message) {
            warnings.add(source + ":" + number + ": " + message + "; skipped");
            invalidLines.add(new Problem(source, number, message));
        }

        private static int indexOfComment(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '#' || c == ';') {
                    return i;
                }
            }
            return -1;
        }

        /** Lower case, without the trailing dot, each once. */
        static List<String> domains(List<String> domains) {
            List<String> lower = new ArrayList<>(domains.size());
            for (String domain : domains) {
                String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
                String name = trimmed.toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !lower.contains(name)) {
                    lower.add(name);
                }
            }
            return lower;
        }

        private void nameserver(List<String> args, int number) {
            if (args.isEmpty()) {
                invalid(number, "'nameserver' without an address");
                return;
            }
            String where = source + ":" + number;
            String text = args.get(0);
            InetAddress address = IpLiteral.parse(text);
            int percent = text.indexOf('%');
            if (address == null && percent > 0 && IpLiteral.parse(text.substring(0, percent)) instanceof Inet6Address unscoped) {
                // glibc ignores a zone it cannot read, for backwards compatibility
                warnings.add(where + ": nameserver " + Quoted.of(text) + ": no interface " + Quoted.of(text.substring(percent + 1))
                        + " here; used without it, as glibc does");
                address = unscoped;
                text = text.substring(0, percent);
            }
            if (address == null) {
                invalid(number, "nameserver " + Quoted.of(text) + " is not an IP address");
                return;
            }
            Endpoint server = new Endpoint(address, Endpoint.DNS_PORT);
            if (nameserverLines == MAX_NAMESERVERS) {
                warnings.add(where + ": nameserver " + text + " skipped: only the first " + MAX_NAMESERVERS + " are used");
            } else if (nameservers.contains(server)) {
                nameserverLines++;
                warnings.add(where + ": nameserver " + text + " is listed already; asked once (it counts towards the "
                        + MAX_NAMESERVERS + " used, as for glibc)");
            } else {
                nameserverLines++;
                nameservers.add(server);
            }
        }

        /** {@code number} is the line, or 0 for {@code RES_OPTIONS}. */
        void options(List<String> options, int number) {
            for (String option : options) {
                int colon = option.indexOf(':');
                String key = colon < 0 ? option : option.substring(0, colon);
                switch (key) {
                    case "ndots" -> ndots = number(option, colon, 0, MAX_NDOTS, ndots, number);
                    case "timeout" -> timeoutSeconds = number(option, colon, 1, MAX_TIMEOUT_SECONDS, timeoutSeconds, number);
                    case "attempts" -> attempts = number(option, colon, 1, MAX_ATTEMPTS, attempts, number);
                    case "rotate" -> rotate = true;
                    case "no-reload" -> noReload = true;
                    default -> {
                        // edns0, single-request, trust-ad, ...: glibc's own knobs, no meaning here
                    }
                }
            }
        }

        /** glibc caps values silently; a value below {@code min} (e.g. attempts:0, which would send nothing) is raised to it. */
        private int number(String option, int colon, int min, int max, int current, int line) {
            try {
                int value = Integer.parseInt(option.substring(colon + 1));
                return Math.max(min, Math.min(max, value));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                String message = "option " + Quoted.of(option) + " has no number";
                if (line > 0) {
                    warnings.add(source + ":" + line + ": " + message + "; ignored");
                    invalidLines.add(new Problem(source, line, message));
                } else {
                    warnings.add("RES_OPTIONS: " + message + "; ignored");
                }
                return current;
            }
        }

        ResolvConf build() {
            return new ResolvConf(source, nameservers, search, ndots, Duration.ofSeconds(timeoutSeconds), attempts, rotate, noReload,
                    warnings, invalidLines);
        }
    }

    /**
     * The names tried for {@code name}, in order, as {@code res_search} does: an absolute name as
     * is only; a name with at least {@code ndots} dots as is first, then under each search domain;
     * any other name under each search domain first, then as is.
     */
    public List<String> candidates(String name, boolean absolute) {
        if (absolute || search().isEmpty()) {
            return List.of(name);
        }
        List<String> candidates = new ArrayList<>(search().size() + 1);
        boolean asIsFirst = dots(name) >= ndots();
        if (asIsFirst) {
            candidates.add(name);
        }
        for (String domain : search()) {
            candidates.add(name + "." + domain);
        }
        if (!asIsFirst) {
            candidates.add(name);
        }
        return candidates;
    }

    private static int dots(String name) {
        int dots = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }
}
