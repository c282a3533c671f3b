package dev.resolvechain.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A hosts-format file watched while someone rewrites it at random, well or badly: after a bad
 * rewrite (a line that does not parse, bytes that are not UTF-8, a file over its cap, the file
 * gone or a directory in its place) the last good content stays in force; after a good one, it is
 * in force; the listener hears of exactly the changes taken.
 */
class WatchedFilesPropertiesTest {
    private static final long CAP = 2048;
    /** A hang guard only: a look at the file takes microseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    /** Modification times well in the past, each write's its own: no settle or racy-read rule gets in the way. */
    private static final long PAST_MILLIS = System.currentTimeMillis() - 3_600_000;

    /** What a line must read back as. */
    record Entry(InetAddress address, List<String> names) {
    }

    /** A rewrite of the file; {@code good}: it must be taken. */
    sealed interface Rewrite {
        void apply(Path file) throws IOException;

        /** The entries in force after this rewrite, given those before. */
        List<Entry> after(List<Entry> before);
    }

    record Good(List<Entry> entries, boolean crlf) implements Rewrite {
        @Override
        public void apply(Path file) throws IOException {
            write(file, text(entries, crlf ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return entries;
        }
    }

    /** Good lines and one that does not parse, as text or as bytes. */
    record BadLine(List<Entry> entries, byte[] bad, int at) implements Rewrite {
        @Override
        public void apply(Path file) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int where = Math.floorMod(at, entries.size() + 1);
            for (int i = 0; i <= entries.size(); i++) {
                if (i == where) {
                    bytes.write(bad);
                    bytes.write('\n');
                }
                if (i < entries.size()) {
                    bytes.write(text(entries.subList(i, i + 1), "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            write(file, bytes.toByteArray());
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }

        @Override
        public String toString() {
            return "BadLine[" + entries + ", " + new String(bad, StandardCharsets.UTF_8) + " at " + at + "]";
        }
    }

    /** Good lines, too many of them. */
    record Oversized(Entry entry, int over) implements Rewrite {
        @Override
        public void apply(Path file) throws IOException {
            StringBuilder text = new StringBuilder();
            while (text.length() <= CAP + over) {
                text.append(WatchedFilesPropertiesTest.text(List.of(entry), "\n"));
            }
            write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }
    }

    record Deleted() implements Rewrite {
        @Override
        public void apply(Path file) throws IOException {
            clear(file);
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }
    }

    record DirectoryInstead() implements Rewrite {
        @Override
        public void apply(Path file) throws IOException {
            clear(file);
            Files.createDirectory(file);
            Files.setLastModifiedTime(file, nextModified());
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }
    }

    private static long writes;

    private static FileTime nextModified() {
        return FileTime.fromMillis(PAST_MILLIS + ++writes * 1000);
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        if (Files.isDirectory(file)) {
            Files.delete(file);
        }
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, nextModified());
    }

    private static void clear(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(file);
        }
    }

    static String text(List<Entry> entries, String newline) {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.address().getHostAddress()).append('\t').append(String.join(" ", entry.names())).append(newline);
        }
        return text.toString();
    }

    // ---- generators ----

    private static Arbitrary<Entry> entry() {
        Arbitrary<InetAddress> address = Arbitraries.bytes().array(byte[].class).ofSize(4).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        });
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-".toCharArray()).ofMinLength(1).ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels));
        return Combinators.combine(address, name.list().ofMinSize(1).ofMaxSize(3)).as(Entry::new);
    }

    private static Arbitrary<List<Entry>> entries() {
        return entry().list().ofMaxSize(8);
    }

    /** A line that does not parse: not an address, an address alone, a bad name, control characters, bytes that are not UTF-8. */
    private static Arbitrary<byte[]> badLine() {
        Arbitrary<String> text = Arbitraries.of("10.0.0.x web", "10.0.0.1", "10.0.0.1 a..b", "10.0.0.1 sp@ce", "\u001b[31m red",
                "10.0.0.1 " + "l".repeat(64), "300.0.0.1 web", "10.0.0.1 caf\u00e9", "\0 web");
        Arbitrary<byte[]> notUtf8 = Arbitraries.bytes().between((byte) 0x80, (byte) 0xbf).array(byte[].class).ofMinSize(1).ofMaxSize(4)
                .map(garbage -> {
                    byte[] line = new byte[11 + garbage.length];
                    System.arraycopy("10.0.0.1 ok".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 11);
                    System.arraycopy(garbage, 0, line, 11, garbage.length);
                    return line;
                });
        return Arbitraries.oneOf(text.map(line -> line.getBytes(StandardCharsets.UTF_8)), notUtf8);
    }

    @Provide
    Arbitrary<List<Rewrite>> rewrites() {
        Arbitrary<Rewrite> good = Combinators.combine(entries(), Arbitraries.of(false, true)).as(Good::new);
        Arbitrary<Rewrite> badLine = Combinators.combine(entries(), badLine(), Arbitraries.integers()).as(BadLine::new);
        Arbitrary<Rewrite> oversized = Combinators.combine(entry(), Arbitraries.integers().between(1, 3000)).as(Oversized::new);
        Arbitrary<Rewrite> gone = Arbitraries.of(new Deleted(), new DirectoryInstead());
        return Arbitraries.frequencyOf(
                Tuple.of(4, good), Tuple.of(3, badLine), Tuple.of(1, oversized),
                Tuple.of(1, gone)
        ).list().ofMinSize(1).ofMaxSize(15);
    }

    @Provide
    Arbitrary<List<Entry>> first() {
        return entries();
    }

    // ---- the property ----

    /** Reads the file as the hosts tier does: a regular file within the cap, parsed as it is read. */
    private static final class HostsReader implements WatchedFiles.Reader<List<Entry>> {
        private final Path file;

        HostsReader(Path file) {
            this.file = file;
        }

        @Override
        public WatchedFiles.Loaded<List<Entry>> read() throws IOException {
            HostsFormat.Parsed parsed;
            try (BufferedReader reader = TextFiles.open(file, Files.readAttributes(file, BasicFileAttributes.class), "hosts file", CAP)) {
                parsed = HostsFormat.parse(reader, file);
            }
            List<Entry> entries = new ArrayList<>();
            for (HostsLine line : parsed.lines()) {
                entries.add(new Entry(line.address(), line.names()));
            }
            return new WatchedFiles.Loaded<>(entries, parsed.problems());
        }

        @Override
        public List<Entry> unreadable(IOException e) {
            throw new AssertionError("the first read is of a good file", e);
        }
    }

    @Property(tries = 100)
    void aBadRewriteKeepsTheLastGoodContentAndAGoodOneIsTaken(@ForAll("first") List<Entry> first, @ForAll("rewrites") List<Rewrite> rewrites)
            throws IOException {
        Path dir = Files.createTempDirectory("watched-files-properties");
        try {
            Path file = dir.resolve("hosts");
            new Good(first, false).apply(file);
            List<List<Entry>> heard = new ArrayList<>();
            WatchedFiles<List<Entry>> watched = WatchedFiles.watch("hosts file " + file, List.of(file), Duration.ofHours(1),
                    new HostsReader(file), (before, after) -> heard.add(after));
            List<Entry> inForce = first;
            List<List<Entry>> taken = new ArrayList<>();
            assertEquals(inForce, watched.current());

            for (Rewrite rewrite : rewrites) {
                rewrite.apply(file);
                assertTimeoutPreemptively(HANG_GUARD, watched::checkNow);

                if (rewrite instanceof Good) {
                    taken.add(rewrite.after(inForce));
                }
                inForce = rewrite.after(inForce);
                assertEquals(inForce, watched.current(), "after " + rewrite);
                assertEquals(inForce, watched.get(), "a lookup (which does not look yet) sees the same");
                assertEquals(taken, heard, "the listener hears of each change taken, and only of those");
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
