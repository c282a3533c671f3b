package dev.resolvechain.alias.directory;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Deadline;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.files.Problem;
import dev.resolvechain.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alias directory as a careless or hostile neighbour would fill it: whatever is there, nothing
 * blocks, nothing runs out of memory, nothing of a refused file is ever read or echoed, reports
 * stay short, and the registrations in force are kept.
 */
class HostileFilesTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final String SECRET = "root:$6$SECRET-HASH-NOT-TO-BE-SEEN:19000:0:99999:7:::";

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    private AliasFiles files;

    @BeforeEach
    void setUp() {
        files = new AliasFiles(dir);
    }

    /** A directory source of {@code dir} on real time, with these rules, loaded. */
    private AliasFiles.Aliases loaded(long maxFileSize, boolean strictModes) {
        AliasRegistry registry = new AliasRegistry();
        AliasDirectory directory = new AliasDirectory(dir, Set.of(), registry,
                new AliasDirectory.Options(Duration.ofMinutes(10), maxFileSize, strictModes));
        directory.refreshSettled(Duration.ofSeconds(2));
        return new AliasFiles.Aliases(directory, registry);
    }

    private static AliasTier tier(AliasFiles.Aliases aliases) {
        return new AliasTier(aliases.registry(), aliases.directory(), Duration.ZERO, AliasOrder.FILE);
    }

    private static String messages(List<Problem> problems) {
        return problems.toString();
    }

    private void writeSettled(String relative, String text) throws IOException {
        files.writeModified(relative, text, System.currentTimeMillis() - 5_000);
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Requirements.requireCommand("mkfifo");
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor());
    }

    @Test
    void aSymbolicLinkToAFileOutsideIsRefusedAndItsContentNeverEchoed() throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("shadow"), SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(dir.resolve("leak.hosts"), secret);
        writeSettled("web.hosts", "192.0.2.10 web\n");

        try (LogCapture log = LogCapture.start()) {
            AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

            assertEquals(List.of("192.0.2.10"), answer(tier(aliases), "web"));
            String problems = messages(aliases.problems());
            assertTrue(problems.contains(dir.resolve("leak.hosts") + " is a symbolic link to " + secret + ", outside the alias directory"),
                    problems);
            assertFalse(problems.contains("SECRET"), problems);
            assertTrue(log.messages().stream().noneMatch(message -> message.contains("SECRET")), log.messages().toString());
        }
    }

    @Test
    void aSymbolicLinkInsideTheDirectoryIsFollowed() throws IOException {
        writeSettled("data/web.txt", "192.0.2.10 web\n");
        Files.createSymbolicLink(dir.resolve("web.hosts"), dir.resolve("data/web.txt"));

        AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

        assertEquals(List.of("192.0.2.10"), answer(tier(aliases), "web"), messages(aliases.problems()));
    }

    @Test
    void aFifoNamedLikeAnOwnerFileNeitherBlocksTheLoadNorLaterReloads() throws Exception {
        mkfifo(dir.resolve("trap.hosts"));
        writeSettled("web.hosts", "192.0.2.10 web\n");

        AliasFiles.Aliases aliases = assertTimeoutPreemptively(HANG_GUARD, () -> loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true));

        assertEquals(List.of("192.0.2.10"), answer(tier(aliases), "web"));
        assertTrue(messages(aliases.problems()).contains("trap.hosts is a FIFO, a socket or a device, not a regular alias file: not read"),
                messages(aliases.problems()));
        mkfifo(dir.resolve("later.hosts"));
        writeSettled("db.hosts", "192.0.2.20 db\n");
        assertTimeoutPreemptively(HANG_GUARD, () -> aliases.refresh());
        assertEquals(List.of("192.0.2.20"), answer(tier(aliases), "db"), "reloads go on past a FIFO that appeared later");
    }

    @Test
    void aFileOverTheCapIsRefusedUnreadWithAnErrorNamingItAndTheCap() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() <= 2048; i++) {
            big.append("192.0.2.").append(i % 250).append(" big-").append(i).append('\n');
        }
        writeSettled("big.hosts", big.toString());

        AliasFiles.Aliases aliases = loaded(1024, true);

        String problems = messages(aliases.problems());
        assertTrue(problems.contains("big.hosts is " + big.length() + " bytes, more than aliases.maxFileSize (1 KiB): not read"), problems);
        assertEquals(0, aliases.nameCount());
    }

    @Test
    void aFloodOfBadLinesIsReportedInAFewLines() throws IOException {
        writeSettled("flood.hosts", "not-an-address name\n".repeat(100_000));

        try (LogCapture log = LogCapture.start()) {
            AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

            List<Problem> problems = aliases.problems();
            assertEquals(6, problems.size(), "5 lines, then a count: " + problems);
            assertEquals("and 99995 more lines that do not parse", problems.get(5).message());
            assertTrue(log.containing("flood.hosts").size() <= 6, log.containing("flood.hosts").size() + " log lines");
        }
    }

    @Test
    void aFloodOfReservedClaimsIsReportedInAFewLines() throws IOException {
        writeSettled("flood.hosts", "192.0.2.1 localhost\n192.0.2.2 db.localhost\n".repeat(50_000));

        AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

        List<Problem> problems = aliases.problems();
        assertEquals(6, problems.size(), "5 lines, then a count: " + problems.size());
        assertEquals("and 99995 more lines that claim what no alias may", problems.get(5).message());
    }

    @Test
    void controlCharactersFromAFileAreEscapedInReports() throws IOException {
        writeSettled("evil.hosts", "10.0\u001b[31m.0.x\u0007 web\n");

        AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

        String message = aliases.problems().get(0).message();
        assertTrue(message.startsWith("'10.0\\u001b[31m.0.x\\u0007' is not an IP address"), message);
        assertTrue(message.chars().noneMatch(c -> c < 0x20), message);
    }

    /** {@code localhost} is refused with file and line; a loopback address answers its alias, but its reverse name stays the machine's. */
    @Test
    void noAliasMayClaimLocalhostOrTheReverseNameOfALoopbackAddress() throws IOException {
        writeSettled("a.hosts", "192.0.2.1 localhost\n");
        writeSettled("b.hosts", "192.0.2.2 db.localhost\n");
        writeSettled("c.hosts", "127.0.0.1 sidecar\n::1 sidecar\n");

        AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

        String problems = messages(aliases.problems());
        assertTrue(problems.contains(dir.resolve("a.hosts") + ":1: 'localhost' is reserved (RFC 6761)"), problems);
        assertTrue(problems.contains(dir.resolve("b.hosts") + ":1: 'db.localhost' is reserved"), problems);
        assertEquals(2, aliases.problems().size(), problems);
        AliasTier tier = tier(aliases);
        assertEquals(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"), answer(tier, "sidecar"));
        for (byte[] loopback : List.of(new byte[] {127, 0, 0, 1}, new byte[16])) {
            loopback[loopback.length - 1] = 1;
            Verdict reverse = tier.resolve(Query.reverse(loopback, Deadline.after(Duration.ofSeconds(1))));
            assertEquals(Outcome.FALLTHROUGH, reverse.outcome(), "the reverse name of a loopback address is not an alias's: " + reverse.detail());
        }
    }

    @Test
    void aFileOrDirectoryOthersMayWriteIsRefusedUnlessStrictModesAreOff() throws IOException {
        writeSettled("web.hosts", "192.0.2.10 web\n");
        Files.setPosixFilePermissions(dir.resolve("web.hosts"), PosixFilePermissions.fromString("rw-rw-rw-"));

        AliasFiles.Aliases strict = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);
        assertTrue(messages(strict.problems()).contains("web.hosts may be written by its group or anyone (mode 0666)"),
                messages(strict.problems()));
        assertEquals(0, strict.nameCount());
        assertEquals(List.of("192.0.2.10"), answer(tier(loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, false)), "web"));

        Files.setPosixFilePermissions(dir.resolve("web.hosts"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        AliasFiles.Aliases openDirectory = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);
        assertTrue(messages(openDirectory.problems()).contains(dir + ": may be written by its group or anyone (mode 0777)"),
                messages(openDirectory.problems()));
        assertEquals(0, openDirectory.nameCount());
    }

    @Test
    void aFileOfAnotherUserIsRefused() throws IOException {
        Requirements.requireRoot("giving a file to user nobody");
        writeSettled("web.hosts", "192.0.2.10 web\n");
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir.resolve("web.hosts"), nobody);

        AliasFiles.Aliases aliases = loaded(AliasDirectory.Options.DEFAULT_MAX_FILE_SIZE, true);

        assertTrue(messages(aliases.problems()).contains("web.hosts is owned by uid "), messages(aliases.problems()));
        assertTrue(messages(aliases.problems()).contains(", neither this JVM's user (uid 0) nor root"), messages(aliases.problems()));
        assertEquals(0, aliases.nameCount());
    }
}
