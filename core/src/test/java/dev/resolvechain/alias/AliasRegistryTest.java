package dev.resolvechain.alias;

import static dev.resolvechain.TierQueries.reverse;
import static dev.resolvechain.alias.AliasFiles.answer;
import static dev.resolvechain.alias.AliasFiles.outcome;
import static dev.resolvechain.alias.AliasRegistry.INCOMPLETE_SETTLE_MILLIS;
import static dev.resolvechain.alias.AliasRegistry.SETTLE_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.hosts.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasRegistryTest {
    @TempDir
    Path dir;
    private AliasFiles files;

    @BeforeEach
    void setUp() {
        files = new AliasFiles(dir);
    }

    private AliasTier tier(AliasRegistry registry) {
        return files.tier(registry, Duration.ZERO);
    }

    private static List<String> labels(AliasRegistry registry) {
        return registry.owners().stream().map(Owner::label).toList();
    }

    private static Owner owner(AliasRegistry registry, String label) {
        return registry.owners().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void initialLoadRegistersEveryOwnerOfTheVisibleScopes() throws IOException {
        files.write("web.hosts", "192.0.2.10 web web.example\n2001:db8::10 web\n");
        files.write("net1/db.hosts", "192.0.2.20 db\n");
        AliasRegistry registry = files.loaded("net1");
        AliasTier tier = tier(registry);
        assertEquals(List.of("db (scope net1)", "web"), labels(registry));
        assertEquals(List.of(), registry.problems());
        assertEquals(3, registry.nameCount());
        assertEquals(List.of("192.0.2.10", "2001:db8:0:0:0:0:0:10"), answer(tier, "web"));
        assertEquals(List.of("192.0.2.20"), answer(tier, "db.net1"));
        assertEquals(files.clock.getAsLong(), registry.lastChangeMillis());
    }

    @Test
    void aLargeFirstLoadReadBySeveralThreadsKeepsEveryRuleOfOneByOne() throws IOException {
        int owners = AliasRegistry.PARALLEL_FIRST_LOOK_FILES + 100;
        long now = files.clock.getAsLong();
        for (int i = 0; i < owners; i++) {
            files.writeModified("owner-" + i + ".hosts", "10.0." + i / 256 + "." + i % 256 + " svc-" + i + " svc-" + i + ".alt\n",
                    now - INCOMPLETE_SETTLE_MILLIS);
        }
        files.writeModified("net1/scoped.hosts", "192.0.2.30 scoped\n", now - INCOMPLETE_SETTLE_MILLIS);
        files.writeModified("bad.hosts", "192.0.2.300 bad\n", now - INCOMPLETE_SETTLE_MILLIS);
        files.writeModified("settling.hosts", "192.0.2.40 settling\n", now - 10);
        AliasRegistry registry = files.registry("net1");
        AliasTier tier = tier(registry);

        assertEquals(SETTLE_MILLIS - 10, registry.refresh(), "the file still being written is pending");
        assertEquals(2 * owners + 1, registry.nameCount());
        for (int i = 0; i < owners; i++) {
            String address = "10.0." + i / 256 + "." + i % 256;
            assertEquals(List.of(address), answer(tier, "svc-" + i + ".alt"));
            assertEquals("svc-" + i, reverse(tier, address).hostName());
        }
        assertEquals(List.of("192.0.2.30"), answer(tier, "scoped.net1"));
        assertEquals(1, registry.problems().size(), registry.problems().toString());
        assertTrue(registry.problems().get(0).toString().startsWith(dir.resolve("bad.hosts") + ":1: "), registry.problems().toString());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "settling"));

        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, registry.refresh());
        assertEquals(List.of("192.0.2.40"), answer(tier, "settling"));
        files.write("owner-7.hosts", "10.1.0.7 svc-7\n");
        assertEquals(0, registry.refresh());
        assertEquals(List.of("10.1.0.7"), answer(tier, "svc-7"));
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "svc-7.alt"), "the owner's dropped name is gone");
    }

    @Test
    void aChangeOfOneOwnerLeavesTheOthersUntouchedAndUnchangedFilesAreNotReadAgain() throws IOException {
        files.write("a.hosts", "192.0.2.1 a\n");
        Path b = files.write("b.hosts", "192.0.2.2 b\n");
        AliasRegistry registry = files.loaded();
        NameEntry bEntry = registry.index().lookup("b");
        assertNotNull(bEntry);

        // b's content becomes garbage of the same size, in place, with its old modification time:
        // a registry that read b again would report it (and stop answering its new names)
        long bModified = Files.getLastModifiedTime(b).toMillis();
        Object bKey = Files.readAttributes(b, BasicFileAttributes.class).fileKey();
        Files.writeString(b, "not-an-ip b\n");
        AliasFiles.setModified(b, bModified);
        assertEquals(bKey, Files.readAttributes(b, BasicFileAttributes.class).fileKey(), "rewritten in place");

        files.write("a.hosts", "192.0.2.11 a\n");
        assertEquals(0, registry.refresh());
        AliasTier tier = tier(registry);
        assertEquals(List.of("192.0.2.11"), answer(tier, "a"));
        assertSame(bEntry, registry.index().lookup("b"), "b's entry is not rebuilt by a's change");
        assertEquals(List.of(), registry.problems(), "b was not read again");
    }

    @Test
    void aFileModifiedJustNowIsReadOnlyOnceItHasSettled() throws IOException {
        files.writeModified("a.hosts", "192.0.2.1 a\n", files.clock.getAsLong());
        AliasRegistry registry = files.registry();
        AliasTier tier = tier(registry);
        files.clock.advance(10);
        assertEquals(SETTLE_MILLIS - 10, registry.refresh(), "how long to wait");
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        files.clock.advance(SETTLE_MILLIS - 10 - 1);
        assertEquals(1, registry.refresh());
        files.clock.advance(1);
        assertEquals(0, registry.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
    }

    @Test
    void aFileDatedInTheFutureIsReadOnceUnchangedForTheSettleTime() throws IOException {
        // written on a machine whose clock is an hour ahead (an NFS server, a Docker Desktop host)
        long hourAhead = files.clock.getAsLong() + Duration.ofHours(1).toMillis();
        files.writeModified("a.hosts", "192.0.2.1 a\n", hourAhead);
        AliasRegistry registry = files.registry();
        AliasTier tier = tier(registry);
        long wait = registry.refresh();
        assertTrue(wait > 0 && wait <= SETTLE_MILLIS, "waits the settle time, not for the other clock: " + wait);
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, registry.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));

        files.writeModified("a.hosts", "192.0.2.2 a\n", hourAhead + 1000);
        wait = registry.refresh();
        assertTrue(wait > 0 && wait <= SETTLE_MILLIS, "a new version settles again: " + wait);
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, registry.refresh());
        assertEquals(List.of("192.0.2.2"), answer(tier, "a"));
    }

    @Test
    void aFileWithoutFinalNewlineWaitsTheIncompleteSettleTime() throws IOException {
        files.writeModified("a.hosts", "192.0.2.1 a", files.clock.getAsLong());
        AliasRegistry registry = files.registry();
        AliasTier tier = tier(registry);
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(INCOMPLETE_SETTLE_MILLIS - SETTLE_MILLIS, registry.refresh());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS - SETTLE_MILLIS - 1);
        assertEquals(1, registry.refresh());
        files.clock.advance(1);
        assertEquals(0, registry.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "a last line without newline is a line");
    }

    @Test
    void anEmptyFileWaitsTheIncompleteSettleTimeThenUnregistersTheNames() throws IOException {
        files.write("a.hosts", "192.0.2.1 a\n");
        AliasRegistry registry = files.loaded();
        AliasTier tier = tier(registry);
        files.writeModified("a.hosts", "", files.clock.getAsLong()); // a writer between truncating and writing
        files.clock.advance(500);
        assertEquals(INCOMPLETE_SETTLE_MILLIS - 500, registry.refresh());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "the registration stays while the file may be being written");
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS - 500);
        assertEquals(0, registry.refresh());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        assertEquals(List.of("a"), labels(registry), "the owner is still there, with nothing registered");
    }

    @Test
    void aBadLineKeepsTheLastGoodRegistrationAndFixingTheFileClearsTheProblem() throws IOException {
        Path file = files.write("a.hosts", "192.0.2.1 a\n");
        AliasRegistry registry = files.loaded();
        AliasTier tier = tier(registry);

        files.write("a.hosts", "192.0.2.1 a\n192.0.2.x a2\n192.0.2.3 a3\n");
        assertEquals(0, registry.refresh());
        List<Problem> problems = registry.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(file.toString(), problems.get(0).file());
        assertEquals(2, problems.get(0).line());
        assertEquals(problems, owner(registry, "a").problems());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "last good registration in force");
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a3"), "never half of a file");

        files.write("a.hosts", "192.0.2.1 a\n192.0.2.2 a2\n192.0.2.3 a3\n");
        assertEquals(0, registry.refresh());
        assertEquals(List.of(), registry.problems());
        assertEquals(List.of("192.0.2.2"), answer(tier, "a2"));
        assertEquals(List.of("192.0.2.3"), answer(tier, "a3"));
    }

    @Test
    void deletingTheFileUnregistersTheOwner() throws IOException {
        Path a = files.write("a.hosts", "192.0.2.1 a\n");
        files.write("b.hosts", "192.0.2.2 b\n");
        AliasRegistry registry = files.loaded();
        AliasTier tier = tier(registry);
        Files.delete(a);
        files.clock.advance(1);
        assertEquals(0, registry.refresh());
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "a"));
        assertEquals(Outcome.FALLTHROUGH, reverse(tier, "192.0.2.1").outcome());
        assertEquals(List.of("192.0.2.2"), answer(tier, "b"));
        assertEquals(List.of("b"), labels(registry));
        assertEquals(files.clock.getAsLong(), registry.lastChangeMillis());
    }

    @Test
    void aHeartbeatMovesTheOwnersAgeAndNothingElse() throws IOException {
        Path a = files.write("a.hosts", "192.0.2.1 a\n");
        AliasRegistry registry = files.loaded();
        Owner owner = owner(registry, "a");
        NameEntry entry = registry.index().lookup("a");
        long lastChange = registry.lastChangeMillis();

        long beat = files.clock.getAsLong();
        AliasFiles.setModified(a, beat);
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, registry.refresh());
        assertSame(owner, owner(registry, "a"));
        assertEquals(beat, owner.refreshedMillis());
        assertSame(entry, registry.index().lookup("a"), "the index is not touched");
        assertEquals(lastChange, registry.lastChangeMillis());
    }

    @Test
    void anUnreadableFileIsReportedKeepsTheLastGoodRegistrationAndIsRetried() throws IOException {
        // in a scope directory: there, a directory named like an owner file is an owner file
        Path file = files.write("net1/db.hosts", "192.0.2.20 db\n");
        AliasRegistry registry = files.loaded("net1");
        AliasTier tier = tier(registry);

        IoAction makeReadable = writeUnreadable(file, "192.0.2.21 db\n");
        assertEquals(0, registry.refresh());
        List<Problem> problems = registry.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(file.toString(), problems.get(0).file());
        assertTrue(problems.get(0).message().startsWith("cannot read"), problems.toString());
        assertEquals(List.of("192.0.2.20"), answer(tier, "db"), "last good registration in force");
        registry.refresh();
        assertEquals(problems, registry.problems(), "still unreadable");

        makeReadable.run();
        assertEquals(0, registry.refresh());
        assertEquals(List.of(), registry.problems());
        assertEquals(List.of("192.0.2.21"), answer(tier, "db"));
    }

    /**
     * Writes a new version of {@code file} that cannot be read, and returns what makes it readable.
     * Where permissions stop reading, the file loses them: giving them back changes neither its size
     * nor its modification time, so only a registry that retries sees it then. As root, where they do
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
        AliasRegistry registry = files.loaded(source, "net1");
        AliasTier tier = tier(registry);
        long lastChange = registry.lastChangeMillis();

        Path away = Files.move(source, dir.resolve("away"));
        files.clock.advance(INCOMPLETE_SETTLE_MILLIS);
        assertEquals(0, registry.refresh());
        assertTrue(registry.problems().toString().contains("does not exist"), registry.problems().toString());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
        assertEquals(List.of("192.0.2.2"), answer(tier, "b"));
        assertEquals(lastChange, registry.lastChangeMillis());

        Files.move(away, source);
        assertEquals(0, registry.refresh());
        assertEquals(List.of(), registry.problems());
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
    }

    @Test
    void aScopeDirectoryCreatedLaterIsPickedUpAndOtherScopesAreIgnored() throws IOException {
        files.write("a.hosts", "192.0.2.1 a\n");
        AliasRegistry registry = files.loaded("net1");
        AliasTier tier = tier(registry);

        Path db = files.write("net1/db.hosts", "192.0.2.20 db\n");
        Path other = files.write("net2/other.hosts", "192.0.2.x not even parsed\n");
        assertEquals(0, registry.refresh());
        assertEquals(0, registry.refresh(List.of(db, other)), "as the watcher does on events");
        assertEquals(List.of("192.0.2.20"), answer(tier, "db"));
        assertEquals(List.of("192.0.2.20"), answer(tier, "db.net1"));
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "other"));
        assertEquals(List.of("a", "db (scope net1)"), labels(registry));
        assertEquals(List.of(), registry.problems(), "files of other scopes are not read");
    }

    @Test
    void claimedByManyListsTheSharedNamesWithEveryClaim() throws IOException {
        files.write("web-1.hosts", "192.0.2.146 web\n");
        files.write("web-2.hosts", "192.0.2.155 web api\n");
        AliasRegistry registry = files.loaded();
        Map<String, List<Claim>> many = registry.claimedByMany();
        assertEquals(Set.of("web"), many.keySet());
        assertEquals(List.of("web-1", "web-2"), many.get("web").stream().map(c -> c.owner().name()).toList());
        assertEquals(List.of("192.0.2.146", "192.0.2.155"), many.get("web").stream().map(c -> c.address().getHostAddress()).toList());

        files.write("web-2.hosts", "192.0.2.155 api\n");
        registry.refresh();
        assertEquals(Map.of(), registry.claimedByMany());
    }

    @Test
    void reverseLookupFollowsAnAddressFromOneOwnerToAnother() throws IOException {
        files.write("a.hosts", "192.0.2.10 svc-a\n");
        files.write("b.hosts", "192.0.2.20 svc-b\n");
        AliasRegistry registry = files.loaded();
        AliasTier tier = tier(registry);
        assertEquals("svc-a", reverse(tier, "192.0.2.10").hostName());

        // b takes the address over before a lets go: both claim it, the first owner answers
        files.write("b.hosts", "192.0.2.20 svc-b\n192.0.2.10 svc-b2 svc-b\n");
        registry.refresh();
        assertEquals("svc-a", reverse(tier, "192.0.2.10").hostName());

        files.write("a.hosts", "192.0.2.11 svc-a\n");
        registry.refresh();
        assertEquals("svc-b2", reverse(tier, "192.0.2.10").hostName(), "first name of b's line");
        assertEquals("svc-a", reverse(tier, "192.0.2.11").hostName());

        files.write("b.hosts", "192.0.2.20 svc-b\n");
        registry.refresh();
        assertEquals(Outcome.FALLTHROUGH, reverse(tier, "192.0.2.10").outcome());
        assertNull(registry.index().byAddress(IpLiteral.parse("192.0.2.10")));
        assertFalse(answer(tier, "svc-b").contains("192.0.2.10"));
    }
}
