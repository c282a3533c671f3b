package dev.resolvechain.alias.directory;

import static dev.resolvechain.TierQueries.reverse;
import static dev.resolvechain.alias.directory.AliasDirectory.INCOMPLETE_SETTLE_MILLIS;
import static dev.resolvechain.alias.directory.AliasDirectory.SETTLE_MILLIS;
import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Outcome;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.alias.Claim;
import dev.resolvechain.alias.Owner;
import dev.resolvechain.alias.directory.AliasFiles.Aliases;
import dev.resolvechain.files.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasDirectoryTest {
    @TempDir
    Path dir;
    private AliasFiles files;

    @BeforeEach
    void setUp() {
        files = new AliasFiles(dir);
    }

    private AliasTier tier(Aliases aliases) {
        return files.tier(aliases, Duration.ZERO);
    }

    private static List<String> labels(Aliases aliases) {
        return aliases.owners().stream().map(Owner::label).toList();
    }

    private static Owner owner(Aliases aliases, String label) {
        return aliases.owners().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void initialLoadRegistersEveryOwnerOfTheVisibleScopes() throws IOException {
        files.write("web.hosts", "192.0.2.10 web web.example\n2001:db8::10 web\n");
        files.write("net1/db.hosts", "192.0.2.20 db\n");
        Aliases aliases = files.loaded("net1");
        AliasTier tier = tier(aliases);
        assertEquals(List.of("db (scope net1)", "web"), labels(aliases));
        assertEquals(List.of(), aliases.problems());
        assertEquals(3, aliases.nameCount());
        assertEquals(List.of("192.0.2.10", "2001:db8:0:0:0:0:0:10"), answer(tier, "web"));
        assertEquals(List.of("192.0.2.20"), answer(tier, "db.net1"));
        assertEquals(files.clock.getAsLong(), aliases.lastChangeMillis());
    }

    @Test
    void anOwnerIsLocatedByItsFilesPathAsWrittenInEveryScopeAndASingleFileSourceByItself() throws IOException {
        files.write("web.hosts", "192.0.2.10 web\n");
        files.write("Net1/db.hosts", "192.0.2.20 db\n");
        Aliases aliases = files.loaded("net1");
        assertEquals(dir.resolve("web.hosts").toString(), String.valueOf(owner(aliases, "web").location()));
        assertEquals(dir.resolve("Net1/db.hosts").toString(), String.valueOf(owner(aliases, "db (scope net1)").location()));

        Aliases single = files.aliases(dir.resolve("web.hosts"));
        single.refresh();
        assertEquals(dir.resolve("web.hosts").toString(), String.valueOf(owner(single, "web").location()));
    }

    @Test
    void aScopeDirectoryThatCannotBeListedUnregistersNoneOfItsOwnersAndTheOthersStillChange() throws IOException {
        files.write("web.hosts", "192.0.2.10 web\n");
        files.write("gone.hosts", "192.0.2.11 gone\n");
        files.write("net1/db.hosts", "192.0.2.20 db\n");
        Aliases aliases = files.loaded("net1");
        Files.setPosixFilePermissions(dir.resolve("net1"), PosixFilePermissions.fromString("rwx---rwx")); // world-writable: refused
        Files.delete(dir.resolve("gone.hosts"));
        aliases.refresh();
        assertTrue(aliases.problems().toString().contains(dir.resolve("net1").toString()), aliases.problems().toString());
        assertEquals(List.of("db (scope net1)", "web"), labels(aliases), "net1 unlisted keeps db; gone.hosts deleted is unregistered");
    }

    @Test
    void aReadCutShortByAnInterruptReportsNothingAndIsLookedAtAgain() throws Exception {
        files.write("web.hosts", "192.0.2.10 web\n");
        Aliases aliases = files.aliases(dir);
        long[] settle = new long[1];
        Thread interrupted = new Thread(() -> {
            Thread.currentThread().interrupt(); // as the alias watcher is, when it closes at JVM exit
            settle[0] = aliases.refresh();
        });
        interrupted.start();
        interrupted.join();
        assertEquals(List.of(), aliases.problems(), "an interrupted read is no problem of the file");
        assertTrue(settle[0] > 0, "looked at again later");
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("web"), labels(aliases));
    }

    @Test
    void aLargeFirstLoadReadBySeveralThreadsKeepsEveryRuleOfOneByOne() throws IOException {
        int owners = AliasDirectory.PARALLEL_FIRST_LOOK_FILES + 100;
        long now = files.clock.getAsLong();
        for (int i = 0; i < owners; i++) {
            files.writeModified("owner-" + i + ".hosts", "10.0." + i / 256 + "." + i % 256 + " svc-" + i + " svc-" + i + ".alt\n",
                    now - INCOMPLETE_SETTLE_MILLIS);
        }
        files.writeModified("net1/scoped.hosts", "192.0.2.30 scoped\n", now - INCOMPLETE_SETTLE_MILLIS);
        files.writeModified("bad.hosts", "192.0.2.300 bad\n", now - INCOMPLETE_SETTLE_MILLIS);
        files.writeModified("settling.hosts", "192.0.2.40 settling\n", now - 10);
        Aliases aliases = files.aliases("net1");
        AliasTier tier = tier(aliases);

        assertEquals(SETTLE_MILLIS - 10, aliases.refresh(), "the file still being written is pending");
        assertEquals(2 * owners + 1, aliases.nameCount());
        for (int i = 0; i < owners; i++) {
            String address = "10.0." + i / 256 + "." + i % 256;
            assertEquals(List.of(address), answer(tier, "svc-" + i + ".alt"));
            assertEquals("svc-" + i, reverse(tier, address).hostName());
        }
        assertEquals(List.of("192.0.2.30"), answer(tier, "scoped.net1"));
        assertEquals(1, aliases.problems().size(), aliases.problems().toString());
        assertTrue(aliases.problems().get(0).toString().startsWith(dir.resolve("bad.hosts") + ":1: "), aliases.problems().toString());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "settling"));

        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("192.0.2.40"), answer(tier, "settling"));
        files.write("owner-7.hosts", "10.1.0.7 svc-7\n");
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("10.1.0.7"), answer(tier, "svc-7"));
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "svc-7.alt"), "the owner's dropped name is gone");
    }

    @Test
    void aFileModifiedJustNowIsReadOnlyOnceItHasSettled() throws IOException {
        files.writeModified("a.hosts", "192.0.2.1 a\n", files.clock.getAsLong());
        Aliases aliases = files.aliases();
        AliasTier tier = tier(aliases);
        files.clock.advance(10);
        assertEquals(SETTLE_MILLIS - 10, aliases.refresh(), "how long to wait");
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        files.clock.advance(SETTLE_MILLIS - 10 - 1);
        assertEquals(1, aliases.refresh());
        files.clock.advance(1);
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
    }

    @Test
    void aFileDatedInTheFutureIsReadOnceUnchangedForTheSettleTime() throws IOException {
        // written on a machine whose clock is an hour ahead (an NFS server, a Docker Desktop host)
        long hourAhead = files.clock.getAsLong() + Duration.ofHours(1).toMillis();
        files.writeModified("a.hosts", "192.0.2.1 a\n", hourAhead);
        Aliases aliases = files.aliases();
        AliasTier tier = tier(aliases);
        long wait = aliases.refresh();
        assertTrue(wait > 0 && wait <= SETTLE_MILLIS, "waits the settle time, not for the other clock: " + wait);
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));

        files.writeModified("a.hosts", "192.0.2.2 a\n", hourAhead + 1000);
        wait = aliases.refresh();
        assertTrue(wait > 0 && wait <= SETTLE_MILLIS, "a new version settles again: " + wait);
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("192.0.2.2"), answer(tier, "a"));
    }

    @Test
    void aFileWithoutFinalNewlineWaitsTheIncompleteSettleTime() throws IOException {
        files.writeModified("a.hosts", "192.0.2.1 a", files.clock.getAsLong());
        Aliases aliases = files.aliases();
        AliasTier tier = tier(aliases);
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(INCOMPLETE_SETTLE_MILLIS - SETTLE_MILLIS, aliases.refresh());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS - SETTLE_MILLIS - 1);
        assertEquals(1, aliases.refresh());
        files.clock.advance(1);
        assertEquals(0, aliases.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "a last line without newline is a line");
    }

    @Test
    void anEmptyFileWaitsTheIncompleteSettleTimeThenUnregistersTheNames() throws IOException {
        files.write("a.hosts", "192.0.2.1 a\n");
        Aliases aliases = files.loaded();
        AliasTier tier = tier(aliases);
        files.writeModified("a.hosts", "", files.clock.getAsLong()); // a writer between truncating and writing
        files.clock.advance(500);
        assertEquals(INCOMPLETE_SETTLE_MILLIS - 500, aliases.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "the registration stays while the file may be being written");
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS - 500);
        assertEquals(0, aliases.refresh());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        assertEquals(List.of("a"), labels(aliases), "the owner is still there, with nothing registered");
    }

    @Test
    void aBadLineKeepsTheLastGoodRegistrationAndFixingTheFileClearsTheProblem() throws IOException {
        Path file = files.write("a.hosts", "192.0.2.1 a\n");
        Aliases aliases = files.loaded();
        AliasTier tier = tier(aliases);

        files.write("a.hosts", "192.0.2.1 a\n192.0.2.x a2\n192.0.2.3 a3\n");
        assertEquals(0, aliases.refresh());
        List<Problem> problems = aliases.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(file.toString(), problems.get(0).file());
        assertEquals(2, problems.get(0).line());
        assertEquals(problems, owner(aliases, "a").problems());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "last good registration in force");
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a3"), "never half of a file");

        files.write("a.hosts", "192.0.2.1 a\n192.0.2.2 a2\n192.0.2.3 a3\n");
        assertEquals(0, aliases.refresh());
        assertEquals(List.of(), aliases.problems());
        assertEquals(List.of("192.0.2.2"), answer(tier, "a2"));
        assertEquals(List.of("192.0.2.3"), answer(tier, "a3"));
    }

    @Test
    void deletingTheFileUnregistersTheOwner() throws IOException {
        Path a = files.write("a.hosts", "192.0.2.1 a\n");
        files.write("b.hosts", "192.0.2.2 b\n");
        Aliases aliases = files.loaded();
        AliasTier tier = tier(aliases);
        Files.delete(a);
        files.clock.advance(1);
        assertEquals(0, aliases.refresh());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        assertEquals(Outcome.FALLTHROUGH, reverse(tier, "192.0.2.1").outcome());
        assertEquals(List.of("192.0.2.2"), answer(tier, "b"));
        assertEquals(List.of("b"), labels(aliases));
        assertEquals(files.clock.getAsLong(), aliases.lastChangeMillis());
    }

    @Test
    void anUnreadableFileIsReportedKeepsTheLastGoodRegistrationAndIsRetried() throws IOException {
        // in a scope directory: there, a directory named like an owner file is an owner file
        Path file = files.write("net1/db.hosts", "192.0.2.20 db\n");
        Aliases aliases = files.loaded("net1");
        AliasTier tier = tier(aliases);

        IoAction makeReadable = writeUnreadable(file, "192.0.2.21 db\n");
        assertEquals(0, aliases.refresh());
        List<Problem> problems = aliases.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(file.toString(), problems.get(0).file());
        String message = problems.get(0).message();
        assertTrue(message.startsWith("cannot read") || message.endsWith("is a directory, not a regular alias file: not read"),
                problems.toString());
        assertEquals(List.of("192.0.2.20"), answer(tier, "db"), "last good registration in force");
        aliases.refresh();
        assertEquals(problems, aliases.problems(), "still unreadable");

        makeReadable.run();
        assertEquals(0, aliases.refresh());
        assertEquals(List.of(), aliases.problems());
        assertEquals(List.of("192.0.2.21"), answer(tier, "db"));
    }

    /**
     * Writes a new version of {@code file} that cannot be read, and returns what makes it readable.
     * Where permissions stop reading, the file loses them: giving them back changes neither its size
     * nor its modification time, so only a aliases that retries sees it then. As root, where they do
     * not, the file is replaced by a directory of the same name until it is written again.
     */
    private IoAction writeUnreadable(Path file, String text) throws IOException {
        String relative = dir.relativize(file).toString();
        files.write(relative, text);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (!readable(file)) {
            return () -> Files.setPosixFilePermissions(file, permissions);
        }
        Files.delete(file);
        Files.createDirectory(file);
        AliasFiles.setModified(file, files.clock.getAsLong() - INCOMPLETE_SETTLE_MILLIS);
        return () -> {
            Files.delete(file);
            files.write(relative, text);
        };
    }

    private static boolean readable(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void aMissingSourceDirectoryKeepsEveryRegistration() throws IOException {
        Path source = dir.resolve("aliases");
        files.write("aliases/a.hosts", "192.0.2.1 a\n");
        files.write("aliases/net1/b.hosts", "192.0.2.2 b\n");
        Aliases aliases = files.loaded(source, "net1");
        AliasTier tier = tier(aliases);
        long lastChange = aliases.lastChangeMillis();

        Path away = Files.move(source, dir.resolve("away"));
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS);
        assertEquals(0, aliases.refresh());
        assertTrue(aliases.problems().toString().contains("does not exist"), aliases.problems().toString());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
        assertEquals(List.of("192.0.2.2"), answer(tier, "b"));
        assertEquals(lastChange, aliases.lastChangeMillis());

        Files.move(away, source);
        assertEquals(0, aliases.refresh());
        assertEquals(List.of(), aliases.problems());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
    }

    @Test
    void aScopeDirectoryCreatedLaterIsPickedUpAndOtherScopesAreIgnored() throws IOException {
        files.write("a.hosts", "192.0.2.1 a\n");
        Aliases aliases = files.loaded("net1");
        AliasTier tier = tier(aliases);

        Path db = files.write("net1/db.hosts", "192.0.2.20 db\n");
        Path other = files.write("net2/other.hosts", "192.0.2.x not even parsed\n");
        assertEquals(0, aliases.refresh());
        assertEquals(0, aliases.refresh(List.of(db, other)), "as the watcher does on events");
        assertEquals(List.of("192.0.2.20"), answer(tier, "db"));
        assertEquals(List.of("192.0.2.20"), answer(tier, "db.net1"));
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "other"));
        assertEquals(List.of("a", "db (scope net1)"), labels(aliases));
        assertEquals(List.of(), aliases.problems(), "files of other scopes are not read");
    }

    @Test
    void claimedByManyListsTheSharedNamesWithEveryClaim() throws IOException {
        files.write("web-1.hosts", "192.0.2.146 web\n");
        files.write("web-2.hosts", "192.0.2.155 web api\n");
        Aliases aliases = files.loaded();
        Map<String, List<Claim>> many = aliases.claimedByMany();
        assertEquals(Set.of("web"), many.keySet());
        assertEquals(List.of("web-1", "web-2"), many.get("web").stream().map(c -> c.owner().name()).toList());
        assertEquals(List.of("192.0.2.146", "192.0.2.155"), many.get("web").stream().map(c -> c.address().getHostAddress()).toList());

        files.write("web-2.hosts", "192.0.2.155 api\n");
        aliases.refresh();
        assertEquals(Map.of(), aliases.claimedByMany());
    }

    @Test
    void aRewriteInPlaceThatKeepsSizeAndModificationTimeIsStillSeen() throws IOException {
        Path web = files.write("web.hosts", "192.0.2.10 web\n");
        Aliases aliases = files.loaded();
        AliasTier tier = tier(aliases);
        long modified = Files.getLastModifiedTime(web).toMillis();

        Files.writeString(web, "192.0.2.11 web\n"); // the same size
        AliasFiles.setModified(web, modified); // and its old modification time: only its change time moved
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS);

        assertEquals(0, aliases.refresh());
        assertEquals(List.of("192.0.2.11"), answer(tier, "web"));
    }

    @Test
    void aFileReadWithinATimestampTickOfItsChangeIsReadAgainUntilTheTickIsSurelyOver() throws IOException {
        // where file times move in whole seconds, a second rewrite within the same second and of the
        // same size leaves every time as it was: only reading the file again can see it
        files.writeModified("web.hosts", "192.0.2.10 web\n", files.clock.getAsLong() - SETTLE_MILLIS);
        Aliases aliases = files.loaded();
        assertEquals(1, aliases.directory().reads());

        aliases.refresh();
        assertEquals(2, aliases.directory().reads(), "its stat is unchanged, but it was read within 3 s of its change");
        files.clock.advance(3_000);
        aliases.refresh();
        assertEquals(3, aliases.directory().reads(), "read once more, now that a tick would have moved its times");
        aliases.refresh();
        assertEquals(3, aliases.directory().reads(), "not again");
    }
}
