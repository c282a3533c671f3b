package dev.resolvechain.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Names;
import dev.resolvechain.Quoted;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * The hosts format (alias files, the hosts file) on any text: no exception, no hang, a few
 * problems however many bad lines, every line it returns valid, problems that quote rather than
 * copy, and well-formed lines read back as they were written, however the text is cut into reads.
 */
class HostsFormatPropertiesTest {
    private static final String SOURCE = "/aliases/test.hosts";
    /** A hang guard only: each parse takes milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    private static final Pattern SUMMARY = Pattern.compile("and (\\d+) more lines that do not parse");
    /** The longest problem message: two quoted texts (each at most 40 characters, escaped to 6) and some words. */
    private static final int MAX_MESSAGE_LENGTH = 2 * (6 * Quoted.MAX_LENGTH + 5) + 100;
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A line {@code IP name...} as written, and what it must read back as. */
    record Line(InetAddress address, String addressText, List<String> names) {
    }

    // ---- generators ----

    @Provide
    Arbitrary<Line> wellFormedLine() {
        return Combinators.combine(address(), canonicalName().list().ofMinSize(1).ofMaxSize(4))
                .as((address, names) -> new Line(address.address, address.text, names));
    }

    @Provide
    Arbitrary<List<Line>> wellFormedLines() {
        return wellFormedLine().list().ofMaxSize(30);
    }

    private record Address(InetAddress address, String text) {
    }

    private static Arbitrary<Address> address() {
        Arbitrary<Address> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(bytes -> new Address(of(bytes), of(bytes).getHostAddress()));
        // runs of zero groups, so that '::' is written in every place
        Arbitrary<Integer> group = Arbitraries.frequency(
                Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(4, -1)).flatMap(kind ->
                kind < 0 ? Arbitraries.integers().between(0, 0xffff) : Arbitraries.just(kind));
        Arbitrary<Address> v6 = Combinators.combine(group.list().ofSize(8), Arbitraries.integers().between(0, 3))
                .as(HostsFormatPropertiesTest::ipv6);
        return Arbitraries.oneOf(v4, v6);
    }

    private static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The address of these 8 groups, written as {@code style} says: 0 full, 1 zeros compressed, 2 upper case, 3 both. */
    private static Address ipv6(List<Integer> groups, int style) {
        byte[] bytes = new byte[16];
        String[] hex = new String[8];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups.get(i) >> 8);
            bytes[2 * i + 1] = (byte) (int) groups.get(i);
            hex[i] = Integer.toHexString(groups.get(i));
        }
        String text = String.join(":", hex);
        if ((style & 1) != 0) {
            int bestStart = -1;
            int bestLength = 1;
            for (int start = 0; start < 8; start++) {
                int length = 0;
                while (start + length < 8 && groups.get(start + length) == 0) {
                    length++;
                }
                if (length > bestLength) {
                    bestStart = start;
                    bestLength = length;
                }
            }
            if (bestStart >= 0) {
                List<String> all = List.of(hex);
                text = String.join(":", all.subList(0, bestStart)) + "::" + String.join(":", all.subList(bestStart + bestLength, 8));
            }
        }
        if ((style & 2) != 0) {
            text = text.toUpperCase(Locale.ROOT);
        }
        return new Address(of(bytes), text);
    }

    /** A host name as it must read back: lower case, no trailing dot. */
    @Provide
    Arbitrary<String> canonicalName() {
        Arbitrary<String> label = Arbitraries.strings().withChars(NAME_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(20);
        return label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
    }

    /** Tokens a hostile or careless writer puts in a hosts file. */
    private static Arbitrary<String> token() {
        Arbitrary<String> names = Arbitraries.strings().withChars((NAME_CHARS + "ABCXYZ.").toCharArray()).ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> longLabel = Arbitraries.integers().between(60, 70).map("l"::repeat);
        Arbitrary<String> longName = Arbitraries.integers().between(240, 270).map(n -> "a.".repeat(n / 2) + "b".repeat(n % 2 + 1));
        Arbitrary<String> oddChars = Arbitraries.of("\0", "\u0001", "\u001b[31m", "\u0007", "\u007f", "\u0085", "\u009b", "\u00e9",
                "\u2028", "\u00a0", "\ufeff", "\ufffd", "\ud800", "\r", "#", "'", "\\", "%", "%eth0", "%1", "%lo", "..", ".");
        Arbitrary<String> addresses = address().map(Address::text);
        Arbitrary<String> badAddresses = Arbitraries.of("10.0.0.x", "300.1.1.1", "1.2.3", "1.2.3.4.5", "::g", ":::", "fe80::1%",
                "fe80::1%99999999999", "1.2.3.4%1", "0x7f.1", "01.02.03.04", "+1.2.3.4", "\u0661.1.1.1", "::ffff:1.2.3.4");
        return Arbitraries.frequencyOf(
                Tuple.of(4, addresses), Tuple.of(2, badAddresses), Tuple.of(6, names),
                Tuple.of(1, longLabel), Tuple.of(1, longName), Tuple.of(3, oddChars),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
    }

    private static Arbitrary<String> separator() {
        return Arbitraries.of(" ", " ", "\t", "  ", "\n", "\n", "\r\n", "\r", "\f", "\u000b", " # ", "#", "");
    }

    /** Hostile text: arbitrary characters, or tokens of hosts lines run together by any separator. */
    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> tokens = Combinators.combine(token(), separator()).as(String::concat).list().ofMaxSize(60)
                .map(parts -> String.join("", parts));
        return Arbitraries.oneOf(tokens, tokens, Arbitraries.strings().all().ofMaxLength(500),
                Arbitraries.strings().withChars("1.0 \n#a\r\t:%".toCharArray()).ofMaxLength(300));
    }

    // ---- the parser, guarded ----

    private static HostsFormat.Parsed parse(String text) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> HostsFormat.parse(text, SOURCE));
    }

    private static HostsFormat.Parsed parse(Reader reader) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> HostsFormat.parse(reader, SOURCE));
    }

    /** Lines in {@code text}, as the parser counts them: one per newline, and one for a last line without. */
    private static int lineCount(String text) {
        int newlines = (int) text.chars().filter(c -> c == '\n').count();
        return newlines + (text.isEmpty() || text.endsWith("\n") ? 0 : 1);
    }

    /** How many lines did not parse: the problems listed, and those the summary counts. */
    private static int badLines(HostsFormat.Parsed parsed) {
        List<Problem> problems = parsed.problems();
        if (problems.size() <= HostsFormat.MAX_PROBLEMS) {
            return problems.size();
        }
        Matcher summary = SUMMARY.matcher(problems.get(problems.size() - 1).message());
        assertTrue(summary.matches(), problems.toString());
        return HostsFormat.MAX_PROBLEMS + Integer.parseInt(summary.group(1));
    }

    /** What holds of any parse of {@code text}. */
    private static void assertSound(HostsFormat.Parsed parsed, String text) {
        int lines = lineCount(text);
        List<Problem> problems = parsed.problems();
        assertTrue(problems.size() <= HostsFormat.MAX_PROBLEMS + 1, "at most 5 problems and a count: " + problems.size());
        int lastLine = 0;
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            assertEquals(SOURCE, problem.file());
            String shown = problem.toString();
            assertTrue(shown.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)), "control characters escaped: " + shown);
            assertTrue(problem.message().length() <= MAX_MESSAGE_LENGTH, "quoted, not copied: " + problem.message().length());
            if (i == HostsFormat.MAX_PROBLEMS) {
                assertEquals(0, problem.line(), "the summary names no line");
                Matcher summary = SUMMARY.matcher(problem.message());
                assertTrue(summary.matches() && Integer.parseInt(summary.group(1)) >= 1, problem.message());
            } else {
                assertTrue(problem.line() > lastLine && problem.line() <= lines, problem + " of " + lines + " lines");
                lastLine = problem.line();
            }
        }
        lastLine = 0;
        for (HostsLine line : parsed.lines()) {
            assertNotNull(line.address());
            assertFalse(line.names().isEmpty(), line.toString());
            assertTrue(line.lineNumber() > lastLine && line.lineNumber() <= lines, line + " of " + lines + " lines");
            lastLine = line.lineNumber();
            for (String name : line.names()) {
                assertNull(Names.problem(name), name);
                assertFalse(name.isEmpty() || name.endsWith("."), name);
                assertEquals(name.toLowerCase(Locale.ROOT), name);
                assertEquals(name, Names.normalize(name));
            }
        }
        assertTrue(parsed.lines().size() + badLines(parsed) <= lines, "at most one line or problem per line");
        assertEquals(!text.isEmpty() && text.endsWith("\n"), parsed.complete(), "complete: not empty and ending with a newline");
    }

    // ---- properties ----

    @Property(tries = 1000)
    void hostileTextNeverThrowsAndGivesOnlyValidLinesAndFewQuotedProblems(@ForAll("hostileText") String text) {
        assertSound(parse(text), text);
    }

    /**
     * The whole text parses as its lines one by one do: a line is never lost, merged or split at
     * a read boundary, and the problems are the first five of the lines' problems, then their count.
     */
    @Property(tries = 500)
    void aFileParsesAsItsLinesDoOneByOne(@ForAll("hostileText") String text) {
        HostsFormat.Parsed whole = parse(text);

        List<HostsLine> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        int count = lineCount(text);
        for (int i = 0; i < count; i++) {
            HostsFormat.Parsed one = parse(raw[i]);
            for (HostsLine line : one.lines()) {
                lines.add(new HostsLine(line.address(), line.names(), i + 1));
            }
            for (Problem problem : one.problems()) {
                problems.add(new Problem(problem.file(), i + 1, problem.message()));
            }
        }

        assertEquals(lines, whole.lines());
        assertEquals(problems.size(), badLines(whole));
        assertEquals(problems.subList(0, Math.min(problems.size(), HostsFormat.MAX_PROBLEMS)),
                whole.problems().subList(0, Math.min(whole.problems().size(), HostsFormat.MAX_PROBLEMS)));
    }

    @Property(tries = 300)
    void howTheTextIsCutIntoReadsChangesNothing(@ForAll("hostileText") String text, @ForAll("chunkSizes") List<Integer> chunks,
                                                @ForAll boolean pastTheBuffer) {
        // past the parser's 8192-character buffer now and then, so that a line straddles two of its reads
        String read = pastTheBuffer ? text.repeat(8192 / Math.max(1, text.length()) + 2) : text;

        assertEquals(parse(read), parse(new ChunkedReader(read, chunks)));
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 10_000).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 1000)
    void wellFormedLinesReadBackAsWritten(@ForAll("wellFormedLines") List<Line> written, @ForAll long layoutSeed) {
        Random layout = new Random(layoutSeed);
        StringBuilder text = new StringBuilder();
        List<HostsLine> expected = new ArrayList<>();
        int lineNumber = 0;
        for (Line line : written) {
            while (layout.nextInt(4) == 0) { // blank and comment lines between
                text.append(layout.nextBoolean() ? " \t" : "# " + line.names().get(0) + " 10.0.0.1 \u001b\0").append(newline(layout));
                lineNumber++;
            }
            text.append(layout.nextBoolean() ? "" : blank(layout)).append(line.addressText());
            for (String name : line.names()) {
                String shown = layout.nextBoolean() ? name : name.toUpperCase(Locale.ROOT);
                text.append(blank(layout)).append(shown).append(layout.nextInt(3) == 0 ? "." : "");
            }
            if (layout.nextInt(3) == 0) {
                text.append(layout.nextBoolean() ? "#" : blank(layout) + "# ").append("comment \r ::1 x");
            }
            text.append(layout.nextBoolean() ? blank(layout) : "");
            expected.add(new HostsLine(line.address(), line.names(), ++lineNumber));
            text.append(newline(layout));
        }
        boolean unfinished = !text.isEmpty() && layout.nextInt(4) == 0;
        if (unfinished) {
            text.setLength(text.length() - (text.charAt(text.length() - 2) == '\r' ? 2 : 1)); // a writer not done yet
        }

        HostsFormat.Parsed parsed = parse(text.toString());

        assertEquals(List.of(), parsed.problems());
        assertEquals(expected, parsed.lines());
        assertEquals(!text.isEmpty() && !unfinished, parsed.complete());
    }

    private static String blank(Random layout) {
        return List.of(" ", "\t", "  ", " \t ", "\u000b", "\f").get(layout.nextInt(6));
    }

    private static String newline(Random layout) {
        return layout.nextBoolean() ? "\n" : "\r\n";
    }

    /** Bytes that are not UTF-8 read as U+FFFD (as TextFiles reads): never an exception, and the lines around them stay. */
    @Property(tries = 500)
    void invalidUtf8NeverThrows(@ForAll("anyBytes") byte[] bytes) {
        String decoded = new String(bytes, StandardCharsets.UTF_8);

        HostsFormat.Parsed parsed = parse(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));

        assertSound(parsed, decoded);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> textLike = Arbitraries.of((byte) '1', (byte) '.', (byte) ' ', (byte) '\n', (byte) 'a', (byte) 0x80, (byte) 0xc3,
                (byte) 0xe2, (byte) 0xf0, (byte) 0xff, (byte) 0xc0, (byte) 0xed, (byte) 0xa0).array(byte[].class).ofMaxSize(500);
        return Arbitraries.oneOf(random, textLike);
    }

    @Property(tries = 300)
    void aNameWithBytesThatAreNotUtf8IsOneBadLineAndTheOthersStay(@ForAll("wellFormedLines") List<Line> written,
                                                                  @ForAll("notUtf8") byte[] garbage, @ForAll int where) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<HostsLine> expected = new ArrayList<>();
        int bad = written.isEmpty() ? 0 : Math.floorMod(where, written.size());
        for (int i = 0; i < written.size(); i++) {
            Line line = written.get(i);
            bytes.write((line.addressText() + " " + line.names().get(0)).getBytes(StandardCharsets.US_ASCII));
            if (i == bad) {
                bytes.write(garbage);
            } else {
                expected.add(new HostsLine(line.address(), line.names().subList(0, 1), i + 1));
            }
            bytes.write('\n');
        }

        HostsFormat.Parsed parsed = parse(new InputStreamReader(new ByteArrayInputStream(bytes.toByteArray()), StandardCharsets.UTF_8));

        assertEquals(expected, parsed.lines());
        assertEquals(written.isEmpty() ? 0 : 1, parsed.problems().size(), parsed.problems().toString());
        if (!written.isEmpty()) {
            assertEquals(bad + 1, parsed.problems().get(0).line());
            assertTrue(parsed.problems().get(0).message().contains("not allowed in a host name"), parsed.problems().get(0).message());
        }
    }

    /** Bytes that cannot be UTF-8 at all: they start with a continuation byte. */
    @Provide
    Arbitrary<byte[]> notUtf8() {
        return Combinators.combine(Arbitraries.bytes().between((byte) 0x80, (byte) 0xbf),
                Arbitraries.bytes().between((byte) 0x80, (byte) 0xff).array(byte[].class).ofMaxSize(6)).as((first, rest) -> {
                    byte[] bytes = new byte[rest.length + 1];
                    bytes[0] = first;
                    System.arraycopy(rest, 0, bytes, 1, rest.length);
                    return bytes;
                });
    }

    /** A huge line (a name, an address, garbage) between good lines: short problems, the good lines kept, no hang. */
    @Property(tries = 15)
    void aHugeLineIsOneShortProblem(@ForAll("wellFormedLine") Line before, @ForAll("wellFormedLine") Line after,
                                    @ForAll("hugeLine") String huge) {
        String text = before.addressText() + " " + String.join(" ", before.names()) + "\n" + huge + "\n"
                + after.addressText() + " " + String.join(" ", after.names()) + "\n";

        HostsFormat.Parsed parsed = parse(text);

        assertSound(parsed, text);
        assertEquals(List.of(new HostsLine(before.address(), before.names(), 1), new HostsLine(after.address(), after.names(), 3)),
                parsed.lines());
        assertEquals(1, parsed.problems().size(), parsed.problems().toString());
        assertEquals(2, parsed.problems().get(0).line());
    }

    @Provide
    Arbitrary<String> hugeLine() {
        Arbitrary<Integer> length = Arbitraries.integers().between(100_000, 2_000_000).withDistribution(RandomDistribution.uniform());
        return Combinators.combine(length, Arbitraries.of("a", "a.", "1", "\u001b", "\0", "x y ", "\u00e9")).as((n, unit) -> {
            String run = unit.repeat(n / unit.length());
            return switch (Math.floorMod(n, 3)) {
                case 0 -> "10.0.0.1 " + run.replace(' ', '-'); // a name too long
                case 1 -> run + "z"; // not an address
                default -> "10.0.0.1 ok " + run.replace(' ', '-') + "z"; // a good name, then a bad one
            };
        });
    }

    /** A flood of bad lines is five problems and a count of the rest. */
    @Property(tries = 50)
    void aFloodOfBadLinesIsFiveProblemsAndACount(@ForAll("hostileText") String badLine, @ForAll("floodSize") int count) {
        String line = "10.0.0.x " + badLine.replace('\n', ' ').replace('#', ' ');
        String text = (line + "\n").repeat(count);

        HostsFormat.Parsed parsed = parse(text);

        assertSound(parsed, text);
        assertEquals(List.of(), parsed.lines());
        assertEquals(count, badLines(parsed));
        assertEquals(Math.min(count, HostsFormat.MAX_PROBLEMS + 1), parsed.problems().size());
    }

    @Provide
    Arbitrary<Integer> floodSize() {
        return Arbitraries.oneOf(Arbitraries.of(1, 5, 6, 7), Arbitraries.integers().between(1, 20_000));
    }

    /** Hands out {@code text} in reads of the given sizes, in turn. */
    private static final class ChunkedReader extends Reader {
        private final StringReader text;
        private final List<Integer> sizes;
        private int read;

        ChunkedReader(String text, List<Integer> sizes) {
            this.text = new StringReader(text);
            this.sizes = sizes;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int size = sizes.get(read++ % sizes.size());
            return text.read(buffer, offset, Math.min(length, size));
        }

        @Override
        public void close() {
            text.close();
        }
    }
}
