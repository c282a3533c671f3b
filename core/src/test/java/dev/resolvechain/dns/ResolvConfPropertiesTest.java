package dev.resolvechain.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.files.Problem;
import dev.resolvechain.wire.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * resolv.conf on any text: never an exception, values always within their bounds, every bad line
 * reported (quoted, naming its line) and skipped while the rest is taken; well-formed files read
 * back as written, as glibc reads them.
 */
class ResolvConfPropertiesTest {
    private static final String SOURCE = "/etc/resolv.conf";
    /** A hang guard only: each parse takes microseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    private static final String DOMAIN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    // ---- a resolv.conf as a list of lines, each knowing what it does to the settings ----

    /** What the lines so far set, as glibc reads them. */
    private static final class Settings {
        final List<Endpoint> nameservers = new ArrayList<>();
        int nameserverLines;
        List<String> search = List.of();
        int ndots = 1;
        int timeout = 5;
        int attempts = 2;
        boolean rotate;
        boolean noReload;
        final List<Integer> invalidLines = new ArrayList<>();
    }

    /** One line of the file. */
    sealed interface Entry {
        /** The line's text, without its line end, laid out by {@code layout}. */
        String text(Random layout);

        void apply(Settings settings, int line);
    }

    record Nameserver(InetAddress address, String text) implements Entry {
        @Override
        public String text(Random layout) {
            return "nameserver" + blank(layout) + text;
        }

        @Override
        public void apply(Settings settings, int line) {
            Endpoint server = new Endpoint(address, Endpoint.DNS_PORT);
            if (settings.nameserverLines == ResolvConf.MAX_NAMESERVERS) {
                return;
            }
            settings.nameserverLines++;
            if (!settings.nameservers.contains(server)) {
                settings.nameservers.add(server);
            }
        }
    }

    record Search(String keyword, List<String> domains) implements Entry {
        @Override
        public String text(Random layout) {
            StringBuilder text = new StringBuilder(keyword);
            for (String domain : domains) {
                String shown = layout.nextBoolean() ? domain : domain.toUpperCase(Locale.ROOT);
                text.append(blank(layout)).append(shown).append(layout.nextInt(3) == 0 ? "." : "");
            }
            return text.toString();
        }

        @Override
        public void apply(Settings settings, int line) {
            if (domains.isEmpty()) {
                return; // an empty search or domain line changes nothing
            }
            Set<String> search = new LinkedHashSet<>();
            for (String domain : keyword.equals("domain") ? domains.subList(0, 1) : domains) {
                search.add(domain.toLowerCase(Locale.ROOT));
            }
            settings.search = List.copyOf(search);
        }
    }

    /** {@code options}: ndots, timeout, attempts with any number (kept within bounds), flags, and knobs of no meaning here. */
    record Options(List<String> options) implements Entry {
        @Override
        public String text(Random layout) {
            StringBuilder text = new StringBuilder("options");
            options.forEach(option -> text.append(blank(layout)).append(option));
            return text.toString();
        }

        @Override
        public void apply(Settings settings, int line) {
            for (String option : options) {
                String[] keyValue = option.split(":", 2);
                switch (keyValue[0]) {
                    case "ndots" -> settings.ndots = Math.max(0, Math.min(15, Integer.parseInt(keyValue[1])));
                    case "timeout" -> settings.timeout = Math.max(1, Math.min(30, Integer.parseInt(keyValue[1])));
                    case "attempts" -> settings.attempts = Math.max(1, Math.min(5, Integer.parseInt(keyValue[1])));
                    case "rotate" -> settings.rotate = true;
                    case "no-reload" -> settings.noReload = true;
                    default -> {
                    }
                }
            }
        }
    }

    /** A line that changes nothing: a comment, a blank line, a keyword of no meaning here. */
    record Inert(String text) implements Entry {
        @Override
        public String text(Random layout) {
            return text;
        }

        @Override
        public void apply(Settings settings, int line) {
        }
    }

    /** A line that does not parse (a nameserver that is no address, an option without a number, an indented line): reported, skipped. */
    record Invalid(String text) implements Entry {
        @Override
        public String text(Random layout) {
            return text;
        }

        @Override
        public void apply(Settings settings, int line) {
            settings.invalidLines.add(line);
        }
    }

    private static String blank(Random layout) {
        return List.of(" ", "\t", "  ", " \t").get(layout.nextInt(4));
    }

    // ---- generators ----

    private static Arbitrary<Nameserver> nameserver() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        // a few addresses often, so that duplicates are listed
        Arbitrary<byte[]> common = Arbitraries.of("10.0.0.1", "10.0.0.2", "192.0.2.53", "::1", "2001:db8::53")
                .map(text -> IpLiteral.parse(text).getAddress());
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(v4, common, common, v6).map(bytes -> {
            InetAddress address = of(bytes);
            return new Nameserver(address, address.getHostAddress());
        });
    }

    /** A link-local server with a zone that is no interface here: used without it, with a warning. */
    private static Arbitrary<Nameserver> unknownZone() {
        Arbitrary<String> zone = Arbitraries.strings().withChars("abc-_\u0001\u001b\u007f\u0085\u009b\u00ff".toCharArray()).ofMaxLength(60)
                .map(text -> "no-such-" + text);
        return Combinators.combine(Arbitraries.integers().between(1, 0xffff), zone).as((group, name) -> {
            InetAddress address = IpLiteral.parse("fe80::" + Integer.toHexString(group));
            return new Nameserver(address, "fe80::" + Integer.toHexString(group) + "%" + name);
        });
    }

    private static Arbitrary<Search> search() {
        Arbitrary<String> label = Arbitraries.strings().withChars(DOMAIN_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> domain = label.list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels).toLowerCase(Locale.ROOT));
        return Combinators.combine(Arbitraries.of("search", "search", "domain"), domain.list().ofMaxSize(6)).as(Search::new);
    }

    private static Arbitrary<Options> options() {
        Arbitrary<Integer> number = Arbitraries.integers().between(-5, 40);
        Arbitrary<String> option = Arbitraries.oneOf(
                number.map(n -> "ndots:" + n), number.map(n -> "timeout:" + n), number.map(n -> "attempts:" + n),
                Arbitraries.of("rotate", "no-reload", "edns0", "single-request", "trust-ad", "inet6", "debug"));
        return option.list().ofMinSize(1).ofMaxSize(5).map(Options::new);
    }

    private static Arbitrary<Inert> inert() {
        Arbitrary<String> comment = Arbitraries.strings().all().ofMaxLength(60).map(text -> text.replace('\n', ' '))
                .flatMap(text -> Arbitraries.of("#" + text, ";" + text));
        Arbitrary<String> noMeaning = Arbitraries.of("", "   ", "\t", "sortlist 10.0.0.0/255.0.0.0", "lookup file bind", "options", "search",
                "domain ; x", "search # not a domain", "nameservers 10.0.0.9");
        return Arbitraries.oneOf(comment, noMeaning).map(Inert::new);
    }

    /** Text in a nameserver's or an option's place: control characters, brackets, ports, non-ASCII (one word: no blank, comment or line end). */
    private static Arbitrary<String> garbage() {
        return Arbitraries.strings().withChars("0123456789abcdefx.:[]/-\u0000\u0001\u0007\u000b\f\u001b\u007f\u0080\u0085\u009b\u00a0\u00ff\u00e9"
                .toCharArray()).ofMinLength(1).ofMaxLength(80)
                .filter(text -> text.charAt(text.length() - 1) > ' '); // else the line's trim() takes part of it
    }

    private static Arbitrary<Invalid> invalid() {
        Arbitrary<Invalid> badServer = garbage().filter(text -> IpLiteral.parse(text) == null && !text.contains("%"))
                .map(text -> new Invalid("nameserver " + text));
        Arbitrary<Invalid> badNumber = Combinators.combine(Arbitraries.of("ndots", "timeout", "attempts"), garbage().injectNull(0.2))
                .as((key, value) -> value == null ? key : key + ":" + value)
                .filter(ResolvConfPropertiesTest::noNumber)
                .map(option -> new Invalid("options " + option));
        Arbitrary<Invalid> indented = Combinators.combine(Arbitraries.of(" ", "\t", "  "),
                        Arbitraries.oneOf(nameserver().map(n -> n.text(new Random(0))), Arbitraries.of("search corp", "options ndots:5")))
                .as((indent, line) -> new Invalid(indent + line));
        return Arbitraries.oneOf(badServer, badNumber, indented, Arbitraries.just(new Invalid("nameserver")));
    }

    private static boolean noNumber(String option) {
        int colon = option.indexOf(':');
        try {
            Integer.parseInt(option.substring(colon + 1));
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Provide
    Arbitrary<List<Entry>> wellFormed() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, nameserver()), Tuple.of(1, unknownZone()), Tuple.of(2, search()), Tuple.of(2, options()), Tuple.of(2, inert())
        ).map(entry -> (Entry) entry).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Entry>> withBadLines() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, nameserver()), Tuple.of(1, unknownZone()), Tuple.of(2, search()), Tuple.of(2, options()), Tuple.of(1, inert()),
                Tuple.of(3, invalid())
        ).map(entry -> (Entry) entry).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> words = Arbitraries.oneOf(Arbitraries.of("nameserver", "search", "domain", "options", "ndots:", "timeout:",
                "attempts:", "rotate", "no-reload", "10.0.0.1", "::1", "fe80::1%", "#", ";", " ", "\t", "\n", "\r\n", "\r", "\u0000"), garbage());
        return Arbitraries.oneOf(
                words.list().ofMaxSize(80).map(parts -> String.join("", parts)),
                words.list().ofMaxSize(80).map(parts -> String.join(" ", parts)),
                Arbitraries.strings().all().ofMaxLength(400),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(400)); // what ISO-8859-1 gives of any bytes
    }

    // ---- helpers ----

    private static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ResolvConf parse(String text, Map<String, String> env) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> ResolvConf.parse(text, SOURCE, env));
    }

    private static String render(List<Entry> entries, Random layout, Settings expected) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            text.append(entry.text(layout));
            if (!(entry instanceof Inert) && layout.nextInt(4) == 0) {
                text.append(layout.nextBoolean() ? " # " : ";").append("comment \u001b x");
            }
            text.append(layout.nextBoolean() ? "\n" : "\r\n");
            entry.apply(expected, i + 1);
        }
        return text.toString();
    }

    private static boolean hasRawControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
    }

    /** What holds of any parse of {@code text}. */
    private static void assertSound(ResolvConf conf, String text) {
        int lines = text.split("\r?\n", -1).length;
        assertTrue(conf.nameservers().size() <= ResolvConf.MAX_NAMESERVERS, conf.nameservers().toString());
        assertEquals(conf.nameservers().size(), new HashSet<>(conf.nameservers()).size(), "each server once: " + conf.nameservers());
        assertTrue(conf.ndots() >= 0 && conf.ndots() <= ResolvConf.MAX_NDOTS, "ndots " + conf.ndots());
        assertTrue(conf.timeout().toSeconds() >= 1 && conf.timeout().toSeconds() <= ResolvConf.MAX_TIMEOUT_SECONDS, conf.timeout().toString());
        assertTrue(conf.attempts() >= 1 && conf.attempts() <= ResolvConf.MAX_ATTEMPTS, "attempts " + conf.attempts());
        assertEquals(conf.search().size(), new HashSet<>(conf.search()).size(), "each domain once: " + conf.search());
        assertTrue(conf.search().stream().noneMatch(String::isEmpty), conf.search().toString());
        for (String warning : conf.warnings()) {
            assertFalse(hasRawControlCharacter(warning), "control characters escaped: " + warning);
            assertTrue(warning.startsWith(SOURCE + ":") || warning.startsWith("RES_OPTIONS: "), warning);
        }
        for (Problem problem : conf.invalidLines()) {
            assertEquals(SOURCE, problem.file());
            assertTrue(problem.line() >= 1 && problem.line() <= lines, problem + " of " + lines + " lines");
            assertFalse(hasRawControlCharacter(problem.message()), "control characters escaped: " + problem.message());
            assertTrue(conf.warnings().stream().anyMatch(warning -> warning.startsWith(problem + "; ")), "warned: " + problem);
        }
    }

    // ---- properties ----

    @Property(tries = 1000)
    void anyTextNeverThrowsAndKeepsEveryValueInItsBounds(@ForAll("hostileText") String text) {
        assertSound(parse(text, Map.of()), text);
    }

    @Property(tries = 1000)
    void wellFormedLinesReadBackAsGlibcReadsThem(@ForAll("wellFormed") List<Entry> entries, @ForAll long layoutSeed) {
        Settings expected = new Settings();
        String text = render(entries, new Random(layoutSeed), expected);

        ResolvConf conf = parse(text, Map.of());

        assertSound(conf, text);
        assertEquals(expected.nameservers, conf.nameservers());
        assertEquals(expected.search, conf.search());
        assertEquals(expected.ndots, conf.ndots());
        assertEquals(Duration.ofSeconds(expected.timeout), conf.timeout());
        assertEquals(expected.attempts, conf.attempts());
        assertEquals(expected.rotate, conf.rotate());
        assertEquals(expected.noReload, conf.noReload());
        assertEquals(List.of(), conf.invalidLines());
    }

    @Property(tries = 1000)
    void badLinesAreReportedWithTheirLineAndSkippedAndTheRestIsTaken(@ForAll("withBadLines") List<Entry> entries, @ForAll long layoutSeed) {
        Settings expected = new Settings();
        String text = render(entries, new Random(layoutSeed), expected);

        ResolvConf conf = parse(text, Map.of());

        assertSound(conf, text);
        assertEquals(expected.invalidLines, conf.invalidLines().stream().map(Problem::line).toList(), conf.warnings().toString());
        assertEquals(expected.nameservers, conf.nameservers());
        assertEquals(expected.search, conf.search());
        assertEquals(expected.ndots, conf.ndots());
        assertEquals(Duration.ofSeconds(expected.timeout), conf.timeout());
        assertEquals(expected.attempts, conf.attempts());
        assertEquals(expected.rotate, conf.rotate());
    }

    @Property(tries = 500)
    void anyEnvironmentNeverThrowsAndLocaldomainReplacesTheSearchList(@ForAll("hostileText") String text, @ForAll("hostileText") String localDomain,
                                                                      @ForAll("hostileText") String resOptions) {
        Map<String, String> env = new HashMap<>();
        env.put("LOCALDOMAIN", localDomain);
        env.put("RES_OPTIONS", resOptions);

        ResolvConf conf = parse(text, env);

        assertSound(conf, text);
        Set<String> domains = new LinkedHashSet<>();
        for (String word : localDomain.trim().split("[ \t]+")) {
            String domain = (word.endsWith(".") ? word.substring(0, word.length() - 1) : word).toLowerCase(Locale.ROOT);
            if (!domain.isEmpty()) {
                domains.add(domain);
            }
        }
        assertEquals(List.copyOf(domains), conf.search());
        ResolvConf fileOnly = parse(text, Map.of());
        assertEquals(fileOnly.invalidLines(), conf.invalidLines(), "RES_OPTIONS is no line of the file");
    }
}
