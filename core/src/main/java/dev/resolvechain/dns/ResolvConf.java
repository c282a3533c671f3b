package dev.resolvechain.dns;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.config.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The host resolver configuration, read as glibc reads {@code resolv.conf}: at most three
 * {@code nameserver}s, the last {@code search} or {@code domain} line, and {@code options}
 * accumulated over all lines, then the {@code LOCALDOMAIN} and {@code RES_OPTIONS} environment
 * variables. Unlike glibc, a file without nameservers means no nameserver (glibc would use
 * 127.0.0.1), and no search domain is derived from the host name: the chain never guesses a server.
 *
 * @param source   the file read (or the name given for parsed text), for messages
 * @param timeout  per-try timeout ({@code options timeout:N}, 1 to 30 s)
 * @param attempts tries over the whole server list ({@code options attempts:N}, 1 to 5)
 * @param warnings every line skipped, each naming the file and line
 */
public record ResolvConf(String source, List<Endpoint> nameservers, List<String> search, int ndots,
                         Duration timeout, int attempts, boolean rotate, List<String> warnings) {

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
    }

    /** The file at {@code path}; a missing file is a configuration without nameservers or search domains. */
    public static ResolvConf parse(Path path, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return parse(text, path.toString(), env);
    }

    public static ResolvConf parse(String text, String sourceName, Map<String, String> env) {
        Parser parser = new Parser(sourceName);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(lines[i], i + 1);
        }
        String localDomain = env.get("LOCALDOMAIN");
        if (localDomain != null) {
            parser.search = Parser.domains(words(localDomain));
        }
        String resOptions = env.get("RES_OPTIONS");
        if (resOptions != null) {
            parser.options(words(resOptions), "RES_OPTIONS");
        }
        return parser.build();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("[ \t]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static final class Parser {
        private final String source;
        private final List<Endpoint> nameservers = new ArrayList<>(MAX_NAMESERVERS);
        private final List<String> warnings = new ArrayList<>();
        private List<String> search = List.of();
        private int ndots = DEFAULT_NDOTS;
        private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        private int attempts = DEFAULT_ATTEMPTS;
        private boolean rotate;

        Parser(String source) {
            this.source = source;
        }

        void line(String raw, int number) {
            int comment = indexOfComment(raw);
            List<String> words = words(comment < 0 ? raw : raw.substring(0, comment));
            if (words.isEmpty()) {
                return;
            }
            List<String> args = words.subList(1, words.size());
            String where = source + ":" + number;
            switch (words.get(0)) {
                case "nameserver" -> nameserver(args, where);
                case "search" -> search = domains(args);
                case "domain" -> search = domains(args.isEmpty() ? args : args.subList(0, 1));
                case "options" -> options(args, where);
                default -> {
                    // sortlist, lookup and others do not change which server is asked or for which name
                }
            }
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

        static List<String> domains(List<String> domains) {
            List<String> lower = new ArrayList<>(domains.size());
            for (String domain : domains) {
                String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
                if (!trimmed.isEmpty()) {
                    lower.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
            return lower;
        }

        private void nameserver(List<String> args, String where) {
            if (args.isEmpty()) {
                warnings.add(where + ": 'nameserver' without an address; skipped");
                return;
            }
            String text = args.get(0);
            InetAddress address = IpLiteral.parse(text);
            if (address == null) {
                warnings.add(where + ": nameserver '" + text + "' is not an IP address; skipped");
            } else if (nameservers.size() == MAX_NAMESERVERS) {
                warnings.add(where + ": nameserver " + text + " skipped: only the first " + MAX_NAMESERVERS + " are used");
            } else {
                nameservers.add(new Endpoint(address, Endpoint.DNS_PORT));
            }
        }

        void options(List<String> options, String where) {
            for (String option : options) {
                int colon = option.indexOf(':');
                String key = colon < 0 ? option : option.substring(0, colon);
                switch (key) {
                    case "ndots" -> ndots = number(option, colon, 0, MAX_NDOTS, ndots, where);
                    case "timeout" -> timeoutSeconds = number(option, colon, 1, MAX_TIMEOUT_SECONDS, timeoutSeconds, where);
                    case "attempts" -> attempts = number(option, colon, 1, MAX_ATTEMPTS, attempts, where);
                    case "rotate" -> rotate = true;
                    default -> {
                        // edns0, single-request, trust-ad, ...: glibc's own knobs, no meaning here
                    }
                }
            }
        }

        /** glibc caps values silently; a value below {@code min} (e.g. attempts:0, which would send nothing) is raised to it. */
        private int number(String option, int colon, int min, int max, int current, String where) {
            try {
                int value = Integer.parseInt(option.substring(colon + 1));
                return Math.max(min, Math.min(max, value));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                warnings.add(where + ": option '" + option + "' has no number; ignored");
                return current;
            }
        }

        ResolvConf build() {
            return new ResolvConf(source, nameservers, search, ndots, Duration.ofSeconds(timeoutSeconds), attempts, rotate, warnings);
        }
    }
}
