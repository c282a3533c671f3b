package dev.resolvechain.alias.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.Owner;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.HostsLine;
import dev.resolvechain.files.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * One owner's alias file rewritten at random, well or badly, on a manual clock: after a bad
 * rewrite (a line that does not parse, bytes that are not UTF-8, a reserved name or a loopback
 * address, over aliases.maxFileSize, writable by others, a directory in its place) the owner's last
 * good registration stays in force, with a few problems saying why; after a good one, it is in
 * force; a deleted file is an unregister. Another owner's registration is never touched.
 */
class AliasDirectoryPropertiesTest {
    private static final long CAP = 2048;
    /** A hang guard only: a refresh of two files takes a millisecond. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    private static final String OWNER = "web";
    private static final List<Entry> NEIGHBOUR = List.of(new Entry(address(192, 0, 2, 20), List.of("db", "db.internal")));

    /** What a line must read back as. */
    record Entry(InetAddress address, List<String> names) {
    }

    private static InetAddress address(int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String text(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.address().getHostAddress()).append(' ').append(String.join(" ", entry.names())).append('\n');
        }
        return text.toString();
    }

    /** A rewrite of the owner's file. */
    sealed interface Rewrite {
        /** The file's new content, or null when there is no regular file (see {@link #apply}). */
        byte[] content();

        /** The registration in force after this rewrite, given the one before. */
        List<Entry> after(List<Entry> before);
    }

    record Good(List<Entry> entries) implements Rewrite {
        @Override
        public byte[] content() {
            return text(entries).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return entries;
        }
    }

    /** Good lines and bad ones among them (not parsing, not UTF-8, claiming what no alias may). */
    record Bad(List<Entry> entries, List<byte[]> bad, int at) implements Rewrite {
        @Override
        public byte[] content() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int where = Math.floorMod(at, entries.size() + 1);
            bytes.writeBytes(text(entries.subList(0, where)).getBytes(StandardCharsets.UTF_8));
            for (byte[] line : bad) {
                bytes.writeBytes(line);
                bytes.write('\n');
            }
            bytes.writeBytes(text(entries.subList(where, entries.size())).getBytes(StandardCharsets.UTF_8));
            return bytes.toByteArray();
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }

        @Override
        public String toString() {
            return "Bad[" + entries + ", " + bad.stream().map(line -> new String(line, StandardCharsets.UTF_8)).toList() + " at " + at + "]";
        }
    }

    record Oversized(Entry entry) implements Rewrite {
        @Override
        public byte[] content() {
            return text(List.of(entry)).repeat((int) (CAP / text(List.of(entry)).length() + 1)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }
    }

    /** Good lines in a file its group and anyone may write: refused by aliases.strictModes. */
    record WritableByOthers(List<Entry> entries) implements Rewrite {
        @Override
        public byte[] content() {
            return text(entries).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }
    }

    record DirectoryInstead() implements Rewrite {
        @Override
        public byte[] content() {
            return null;
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return before;
        }
    }

    /** The owner unregisters. */
    record Deleted() implements Rewrite {
        @Override
        public byte[] content() {
            return null;
        }

        @Override
        public List<Entry> after(List<Entry> before) {
            return List.of();
        }
    }

    // ---- generators ----

    private static Arbitrary<Entry> entry() {
        Arbitrary<InetAddress> address = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.bytes().array(byte[].class).ofSize(16)
        ).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }).filter(candidate -> !candidate.isLoopbackAddress()); // answered, but never reverse-named (HostileFilesTest)
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-".toCharArray()).ofMinLength(1).ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels));
        return Combinators.combine(address, name.list().ofMinSize(1).ofMaxSize(3)).as(Entry::new);
    }

    private static Arbitrary<List<Entry>> entries() {
        return entry().list().ofMaxSize(6);
    }

    /** Lines no registration may have: not parsing, not UTF-8, reserved names. */
    private static Arbitrary<byte[]> badLine() {
        Arbitrary<String> text = Arbitraries.of("10.0.0.x web", "10.0.0.1", "10.0.0.1 a..b", "\u001b[31m red", "10.0.0.1 caf\u00e9",
                "10.0.0.1 " + "l".repeat(64), "192.0.2.1 localhost", "192.0.2.1 api.LOCALHOST.", "127.0.0.53 localhost x");
        Arbitrary<byte[]> notUtf8 = Arbitraries.bytes().between((byte) 0x80, (byte) 0xbf).array(byte[].class).ofMinSize(1).ofMaxSize(4)
                .map(garbage -> {
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    line.writeBytes("10.0.0.1 ok".getBytes(StandardCharsets.US_ASCII));
                    line.writeBytes(garbage);
                    return line.toByteArray();
                });
        return Arbitraries.oneOf(text.map(line -> line.getBytes(StandardCharsets.UTF_8)), notUtf8);
    }

    @Provide
    Arbitrary<List<Rewrite>> rewrites() {
        Arbitrary<Rewrite> good = entries().map(Good::new);
        // now and then a flood of bad lines: a few problems say so, not one per line
        Arbitrary<List<byte[]>> badLines = Arbitraries.oneOf(badLine().list().ofMinSize(1).ofMaxSize(3),
                badLine().list().ofMinSize(1).ofMaxSize(3).map(lines -> {
                    List<byte[]> flood = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        flood.addAll(lines);
                    }
                    return flood;
                }));
        Arbitrary<Rewrite> bad = Combinators.combine(entries(), badLines, Arbitraries.integers()).as(Bad::new);
        Arbitrary<Rewrite> refusedUnread = Arbitraries.oneOf(entry().map(Oversized::new), entries().map(WritableByOthers::new),
                Arbitraries.just(new DirectoryInstead()));
        return Arbitraries.frequencyOf(
                Tuple.of(4, good), Tuple.of(4, bad), Tuple.of(2, refusedUnread), Tuple.of(1, Arbitraries.just(new Deleted()))
        ).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Entry>> first() {
        return entries();
    }

    // ---- the property ----

    private static List<Entry> entries(Owner owner) {
        List<Entry> entries = new ArrayList<>();
        for (HostsLine line : owner.lines()) {
            entries.add(new Entry(line.address(), line.names()));
        }
        return entries;
    }

    private static Owner owner(AliasRegistry registry, String name) {
        return registry.owners().stream().filter(owner -> owner.name().equals(name)).findFirst().orElse(null);
    }

    /** Writes {@code rewrite} as a writer would, modified now on the clock, then moves the clock past every settle rule. */
    private static void apply(AliasFiles files, Path file, Rewrite rewrite) throws IOException {
        if (Files.isDirectory(file)) {
            Files.delete(file);
        }
        byte[] content = rewrite.content();
        if (content != null) {
            Files.write(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(rewrite instanceof WritableByOthers ? "rw-rw-rw-" : "rw-r--r--"));
        } else {
            Files.deleteIfExists(file);
            if (rewrite instanceof DirectoryInstead) {
                Files.createDirectory(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        }
        if (Files.exists(file)) {
            AliasFiles.setModified(file, files.clock.getAsLong());
        }
        files.clock.advance(AliasDirectory.INCOMPLETE_SETTLE_MILLIS);
    }

    @Property(tries = 100)
    void aBadRewriteKeepsTheOwnersLastGoodRegistrationAndAGoodOneIsTaken(@ForAll("first") List<Entry> first,
                                                                        @ForAll("rewrites") List<Rewrite> rewrites) throws IOException {
        Path dir = Files.createTempDirectory("alias-directory-properties");
        try {
            AliasFiles files = new AliasFiles(dir);
            files.write("db.hosts", text(NEIGHBOUR));
            Path file = dir.resolve(OWNER + ".hosts");
            apply(files, file, new Good(first));
            AliasRegistry registry = new AliasRegistry(files.clock);
            AliasDirectory directory = new AliasDirectory(dir, Set.of(), registry,
                    new AliasDirectory.Options(Duration.ofMinutes(10), CAP, true), files.clock);
            assertEquals(0, assertTimeoutPreemptively(HANG_GUARD, () -> directory.refresh()));
            List<Entry> inForce = first;
            assertEquals(inForce, entries(owner(registry, OWNER)));

            for (Rewrite rewrite : rewrites) {
                apply(files, file, rewrite);

                assertEquals(0, assertTimeoutPreemptively(HANG_GUARD, () -> directory.refresh()), "every file settled");

                inForce = rewrite.after(inForce);
                Owner owner = owner(registry, OWNER);
                String state = "after " + rewrite + ": " + registry.problems();
                if (rewrite instanceof Deleted) {
                    assertNull(owner, state);
                } else {
                    assertEquals(inForce, entries(owner), state);
                    List<Problem> problems = owner.problems();
                    assertEquals(rewrite instanceof Good, problems.isEmpty(), state);
                    assertTrue(problems.size() <= HostsFormat.MAX_PROBLEMS + 1, "5 problems, then a count: " + problems.size());
                    for (Problem problem : problems) {
                        assertFalse(problem.toString().chars().anyMatch(c -> c < 0x20 || c == 0x7f), problem.toString());
                    }
                }
                assertEquals(NEIGHBOUR, entries(owner(registry, "db")), "another owner's registration is never touched");
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
