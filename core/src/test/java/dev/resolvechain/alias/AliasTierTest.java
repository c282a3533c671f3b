package dev.resolvechain.alias;

import static dev.resolvechain.TierQueries.addresses;
import static dev.resolvechain.TierQueries.forward;
import static dev.resolvechain.TierQueries.reverse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Outcome;
import dev.resolvechain.Verdict;
import dev.resolvechain.hosts.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasTierTest {
    @TempDir
    Path dir;

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Files written by a test are fresh; a clock 5 s ahead lets them count as settled. */
    static AliasRegistry registry(Path source, String... scopes) {
        AliasRegistry registry = new AliasRegistry(new AliasSource(source), Set.of(scopes), () -> System.currentTimeMillis() + 5_000);
        registry.refresh();
        return registry;
    }

    private AliasTier tier(Path source, String... scopes) {
        return new AliasTier(registry(source, scopes), Duration.ZERO, false);
    }



    @Test
    void singleFileIsOneOwnerNamedAfterTheFile() throws IOException {
        write("web.hosts", "# web tier\n192.0.2.10 web web.example  # primary\n\n2001:db8::10 web\n");
        AliasTier tier = tier(dir.resolve("web.hosts"));
        Verdict verdict = forward(tier, "WEB.", AddressPolicy.IPV4_FIRST);
        assertEquals(Outcome.ANSWER, verdict.outcome());
        assertEquals(List.of("192.0.2.10", "2001:db8:0:0:0:0:0:10"), addresses(verdict));
        assertTrue(verdict.detail().contains("owner web"), verdict.detail());
        assertTrue(verdict.detail().contains("web.hosts:2"), verdict.detail());
        assertEquals(List.of("2001:db8:0:0:0:0:0:10", "192.0.2.10"), addresses(forward(tier, "web", AddressPolicy.IPV6_FIRST)));
        assertEquals(List.of("192.0.2.10"), addresses(forward(tier, "web.example", AddressPolicy.IPV4_FIRST)));
    }

    @Test
    void severalOwnersOfOneNameAreAllAnsweredOnceEach() throws IOException {
        write("web-1.hosts", "192.0.2.146 web\n");
        write("web-2.hosts", "192.0.2.155 web\n192.0.2.146 web\n");
        Verdict verdict = forward(tier(dir), "web", AddressPolicy.IPV4_FIRST);
        assertEquals(List.of("192.0.2.146", "192.0.2.155"), addresses(verdict));
        assertTrue(verdict.detail().contains("owner web-1") && verdict.detail().contains("owner web-2"), verdict.detail());
    }

    @Test
    void aliasWithoutTheRequestedFamilyFailsAndIsNotSentOn() throws IOException {
        write("db.hosts", "192.0.2.20 db\n");
        Verdict verdict = forward(tier(dir), "db", AddressPolicy.IPV6_ONLY);
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(verdict.detail().contains("no address of the requested family"), verdict.detail());
        assertTrue(verdict.detail().contains("db"), verdict.detail());
    }

    @Test
    void unknownNameFallsThrough() throws IOException {
        write("db.hosts", "192.0.2.20 db\n");
        Verdict verdict = forward(tier(dir), "example.org", AddressPolicy.IPV4_FIRST);
        assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
        assertTrue(verdict.detail().contains("not an alias"), verdict.detail());
    }

    @Test
    void scopesAreVisibleOnlyToJvmsThatHaveThem() throws IOException {
        write("shared.hosts", "192.0.2.1 common\n");
        write("net1/db-1.hosts", "192.0.2.31 db\n");
        write("net2/db-2.hosts", "192.0.2.32 db\n");
        AliasTier inNet1 = tier(dir, "net1");
        assertEquals(List.of("192.0.2.31"), addresses(forward(inNet1, "db", AddressPolicy.IPV4_FIRST)));
        assertEquals(List.of("192.0.2.31"), addresses(forward(inNet1, "db.net1", AddressPolicy.IPV4_FIRST)));
        assertEquals(Outcome.FALLTHROUGH, forward(inNet1, "db.net2", AddressPolicy.IPV4_FIRST).outcome());
        assertEquals(List.of("192.0.2.1"), addresses(forward(inNet1, "common", AddressPolicy.IPV4_FIRST)));

        AliasTier inBoth = tier(dir, "net1", "net2");
        assertEquals(List.of("192.0.2.31", "192.0.2.32"), addresses(forward(inBoth, "db", AddressPolicy.IPV4_FIRST)));
        assertEquals(List.of("192.0.2.32"), addresses(forward(inBoth, "db.net2", AddressPolicy.IPV4_FIRST)));

        AliasTier unscoped = tier(dir);
        assertEquals(Outcome.FALLTHROUGH, forward(unscoped, "db", AddressPolicy.IPV4_FIRST).outcome());
        assertEquals(Outcome.FALLTHROUGH, forward(unscoped, "db.net1", AddressPolicy.IPV4_FIRST).outcome());
    }

    @Test
    void fullNameClaimWinsOverScopeSuffix() throws IOException {
        write("x.hosts", "192.0.2.40 db.net1\n");
        write("net1/db.hosts", "192.0.2.41 db\n");
        assertEquals(List.of("192.0.2.40"), addresses(forward(tier(dir, "net1"), "db.net1", AddressPolicy.IPV4_FIRST)));
    }

    @Test
    void reverseGivesTheFirstNameOfTheLine() throws IOException {
        write("web.hosts", "192.0.2.10 web web.example\n");
        AliasTier tier = tier(dir);
        Verdict verdict = reverse(tier, "192.0.2.10");
        assertEquals(Outcome.ANSWER, verdict.outcome());
        assertEquals("web", verdict.hostName());
        assertEquals(Outcome.FALLTHROUGH, reverse(tier, "192.0.2.11").outcome());
    }

    @Test
    void aFileThatDoesNotParseIsLeftOutWholeAndReportedWithFileAndLine() throws IOException {
        write("good.hosts", "192.0.2.10 good\n");
        write("bad.hosts", "192.0.2.11 half\n192.0.2.x broken\n");
        write(".writer.hosts.tmp", "garbage\n");
        write("notes.txt", "not an owner\n");
        AliasRegistry registry = registry(dir);
        AliasTier tier = new AliasTier(registry, Duration.ZERO, false);
        List<Problem> problems = registry.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(dir.resolve("bad.hosts").toString(), problems.get(0).file());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).toString().contains("'192.0.2.x' is not an IP address"), problems.toString());
        assertEquals(Outcome.ANSWER, forward(tier, "good", AddressPolicy.IPV4_FIRST).outcome());
        assertEquals(Outcome.FALLTHROUGH, forward(tier, "half", AddressPolicy.IPV4_FIRST).outcome());
    }

    @Test
    void missingSourceIsAProblemAndAnEmptyTable() {
        AliasRegistry registry = registry(dir.resolve("absent"));
        AliasTier tier = new AliasTier(registry, Duration.ZERO, false);
        List<Problem> problems = registry.problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString().contains("does not exist"), problems.toString());
        assertEquals(Outcome.FALLTHROUGH, forward(tier, "web", AddressPolicy.IPV4_FIRST).outcome());
    }
}
