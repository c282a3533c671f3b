package dev.resolvechain.alias.directory;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.outcome;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Outcome;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationsTest {
    @TempDir
    Path dir;

    private Registrations registrations() {
        return new Registrations(dir);
    }

    /** The tier a JVM of {@code scopes} would have, loaded as at its start (real clock: Registrations writes at real times). */
    private AliasTier tier(String... scopes) {
        AliasRegistry registry = new AliasRegistry();
        AliasDirectory directory = new AliasDirectory(dir, Set.of(scopes), registry, Duration.ofMinutes(10));
        directory.refreshSettled(Duration.ofSeconds(5));
        return new AliasTier(registry, directory, Duration.ZERO, AliasOrder.FILE);
    }

    /** Every file and directory under the source, relative to it. */
    private List<String> tree() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void registerWritesEveryAddressWithEveryNameAtomically() throws IOException {
        Path file = registrations().register("web-1", null, List.of("192.0.2.10", "2001:db8::10"), List.of("web", "web.example"));
        assertEquals(dir.resolve("web-1.hosts"), file);
        assertEquals(List.of("web-1.hosts"), tree(), "no temporary file left");
        AliasTier tier = tier();
        assertEquals(List.of("192.0.2.10", "2001:db8:0:0:0:0:0:10"), answer(tier, "web"));
        assertEquals(List.of("192.0.2.10", "2001:db8:0:0:0:0:0:10"), answer(tier, "web.example"));
        assertEquals(List.of(), tier.registry().problems());
        assertEquals("web-1", tier.registry().owners().get(0).name());
    }

    @Test
    void aScopedRegistrationGoesToTheScopesDirectory() throws IOException {
        Path file = registrations().register("db-1", "Net1", List.of("192.0.2.20"), List.of("db"));
        assertEquals(dir.resolve("net1/db-1.hosts"), file);
        assertEquals(List.of("192.0.2.20"), answer(tier("net1"), "db.net1"));
        assertEquals(Outcome.FALLTHROUGH, outcome(tier(), "db"));
    }

    @Test
    void registerReplacesTheWholeRegistration() throws IOException {
        registrations().register("web-1", null, List.of("192.0.2.10", "192.0.2.11"), List.of("web", "old"));
        registrations().register("web-1", null, List.of("192.0.2.12"), List.of("web"));
        AliasTier tier = tier();
        assertEquals(List.of("192.0.2.12"), answer(tier, "web"));
        assertEquals(Outcome.FALLTHROUGH, outcome(tier, "old"));
        assertEquals(List.of("web-1.hosts"), tree());
    }

    @Test
    void aFailedRenameLeavesNoTemporaryFileBehind() throws IOException {
        Files.createDirectories(dir.resolve("web-1.hosts/in-the-way"));
        assertThrows(IOException.class,
                () -> registrations().register("web-1", null, List.of("192.0.2.10"), List.of("web")));
        assertEquals(List.of("web-1.hosts", "web-1.hosts/in-the-way"), tree());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.x", "192.0.2.1 evil", "web", ""})
    void registerRefusesWhatIsNotAnAddress(String address) {
        assertRefused(() -> registrations().register("web-1", null, List.of(address), List.of("web")));
    }

    /** Each would be accepted as something else than asked: a comment, two names, a second line. */
    @ParameterizedTest
    @ValueSource(strings = {"bad!name", "a..b", "web #comment", "two names", "web\n203.0.113.9 bank", "#web", ""})
    void registerRefusesWhatIsNotAName(String name) {
        assertRefused(() -> registrations().register("web-1", null, List.of("192.0.2.10"), List.of("web", name)));
    }

    @Test
    void registerNeedsAnAddressAndAName() {
        assertRefused(() -> registrations().register("web-1", null, List.of(), List.of("web")));
        assertRefused(() -> registrations().register("web-1", null, List.of("192.0.2.10"), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".web", "..", "a/b", "../web", "a\\b"})
    void ownerAndScopeNamesAreSingleVisibleFileNames(String bad) {
        assertRefused(() -> registrations().register(bad, null, List.of("192.0.2.10"), List.of("web")));
        assertRefused(() -> registrations().register("web-1", bad, List.of("192.0.2.10"), List.of("web")));
        assertRefused(() -> registrations().heartbeat(bad, null));
        assertRefused(() -> registrations().unregister(bad, null));
    }

    private void assertRefused(Executable registration) {
        assertThrows(IllegalArgumentException.class, registration);
        assertDoesNotThrow(() -> assertEquals(List.of(), tree(), "nothing written"));
    }

    @Test
    void heartbeatMovesTheModificationTimeOfARegisteredOwnerOnly() throws IOException {
        assertFalse(registrations().heartbeat("web-1", null));
        assertFalse(registrations().heartbeat("web-1", "net1"));
        Path file = registrations().register("web-1", null, List.of("192.0.2.10"), List.of("web"));
        long longAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        AliasFiles.setModified(file, longAgo);
        String text = Files.readString(file);
        assertTrue(registrations().heartbeat("web-1", null));
        assertTrue(Files.getLastModifiedTime(file).toMillis() > longAgo + Duration.ofHours(23).toMillis());
        assertEquals(text, Files.readString(file));
        assertEquals(List.of("web-1.hosts"), tree());
    }

    @Test
    void unregisterRemovesTheRegistrationAndIsIdempotent() throws IOException {
        registrations().register("web-1", "net1", List.of("192.0.2.10"), List.of("web"));
        registrations().register("web-2", "net1", List.of("192.0.2.11"), List.of("web"));
        assertTrue(registrations().unregister("web-1", "net1"));
        assertFalse(registrations().unregister("web-1", "net1"));
        assertFalse(registrations().unregister("web-1", null));
        assertEquals(List.of("net1", "net1/web-2.hosts"), tree());
        assertEquals(List.of("192.0.2.11"), answer(tier("net1"), "web"));
    }
}
