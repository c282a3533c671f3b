package dev.resolvechain.alias;

import static dev.resolvechain.TierQueries.reverse;
import static dev.resolvechain.alias.directory.AliasFiles.SETTLE_MILLIS;
import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import dev.resolvechain.alias.directory.AliasFiles.Aliases;
import dev.resolvechain.alias.directory.AliasFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's index: an owner's change touches only its own names and addresses, whole. */
class AliasRegistryTest {
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

    private static Owner owner(Aliases aliases, String label) {
        return aliases.owners().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aChangeOfOneOwnerLeavesTheOthersEntriesUntouched() throws IOException {
        files.write("a.hosts", "192.0.2.1 a\n");
        files.write("b.hosts", "192.0.2.2 b\n");
        Aliases aliases = files.loaded();
        NameEntry bEntry = aliases.registry().index().lookup("b");
        assertNotNull(bEntry);

        files.write("a.hosts", "192.0.2.11 a\n");
        assertEquals(0, aliases.refresh());
        AliasTier tier = tier(aliases);
        assertEquals(List.of("192.0.2.11"), answer(tier, "a"));
        assertSame(bEntry, aliases.registry().index().lookup("b"), "b's entry is not rebuilt by a's change");
        assertEquals(List.of(), aliases.problems());
    }

    @Test
    void aNameThatGainsASecondOwnerIsWarnedOfOnce() throws IOException {
        files.write("web-1.hosts", "192.0.2.1 web\n");
        Aliases aliases = files.loaded();
        try (LogCapture log = LogCapture.start()) {
            files.write("web-2.hosts", "192.0.2.2 web other\n");
            assertEquals(0, aliases.refresh());
            assertEquals(List.of("WARN alias 'web' is now claimed by 2 owners (web-1, web-2): every one of their addresses is answered"),
                    log.containing("claimed by"));
            files.write("web-2.hosts", "192.0.2.3 web other\n"); // the same owner's new address: no new conflict
            files.clock.advance(SETTLE_MILLIS);
            assertEquals(0, aliases.refresh());
            assertEquals(1, log.containing("claimed by").size(), log.messages()::toString);
        }
    }

    @Test
    void aHeartbeatMovesTheOwnersAgeAndNothingElse() throws IOException {
        Path a = files.write("a.hosts", "192.0.2.1 a\n");
        Aliases aliases = files.loaded();
        Owner owner = owner(aliases, "a");
        NameEntry entry = aliases.registry().index().lookup("a");
        long lastChange = aliases.lastChangeMillis();

        long beat = files.clock.getAsLong();
        AliasFiles.setModified(a, beat);
        files.clock.advance(SETTLE_MILLIS);
        assertEquals(0, aliases.refresh());
        assertSame(owner, owner(aliases, "a"));
        assertEquals(beat, owner.refreshedMillis());
        assertSame(entry, aliases.registry().index().lookup("a"), "the index is not touched");
        assertEquals(lastChange, aliases.lastChangeMillis());
    }

    @Test
    void reverseLookupFollowsAnAddressFromOneOwnerToAnother() throws IOException {
        files.write("a.hosts", "192.0.2.10 svc-a\n");
        files.write("b.hosts", "192.0.2.20 svc-b\n");
        Aliases aliases = files.loaded();
        AliasTier tier = tier(aliases);
        assertEquals("svc-a", reverse(tier, "192.0.2.10").hostName());

        // b takes the address over before a lets go: both claim it, the first owner answers
        files.write("b.hosts", "192.0.2.20 svc-b\n192.0.2.10 svc-b2 svc-b\n");
        aliases.refresh();
        assertEquals("svc-a", reverse(tier, "192.0.2.10").hostName());

        files.write("a.hosts", "192.0.2.11 svc-a\n");
        aliases.refresh();
        assertEquals("svc-b2", reverse(tier, "192.0.2.10").hostName(), "first name of b's line");
        assertEquals("svc-a", reverse(tier, "192.0.2.11").hostName());

        files.write("b.hosts", "192.0.2.20 svc-b\n");
        aliases.refresh();
        assertEquals(Outcome.FALLTHROUGH, reverse(tier, "192.0.2.10").outcome());
        assertNull(aliases.registry().index().byAddress(IpLiteral.parse("192.0.2.10")));
        assertFalse(answer(tier, "svc-b").contains("192.0.2.10"));
    }
}
