package dev.resolvechain.alias;

import static dev.resolvechain.TierQueries.addresses;
import static dev.resolvechain.TierQueries.forward;
import static dev.resolvechain.TierQueries.reverse;
import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Outcome;
import dev.resolvechain.Verdict;
import dev.resolvechain.alias.directory.AliasFiles.Aliases;
import dev.resolvechain.alias.directory.AliasFiles;
import dev.resolvechain.files.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasTierTest {
    @TempDir
    Path dir;
    private AliasFiles files;

    @BeforeEach
    void setUp() {
        files = new AliasFiles(dir);
    }

    private AliasTier tier(Path source, String... scopes) {
        return files.tier(files.loaded(source, scopes), Duration.ZERO);
    }

    @Test
    void singleFileIsOneOwnerNamedAfterTheFile() throws IOException {
        files.write("web.hosts", "# web tier\n192.0.2.10 web web.example  # primary\n\n2001:db8::10 web\n");
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
        files.write("web-1.hosts", "192.0.2.146 web\n");
        files.write("web-2.hosts", "192.0.2.155 web\n192.0.2.146 web\n");
        Verdict verdict = forward(tier(dir), "web", AddressPolicy.IPV4_FIRST);
        assertEquals(List.of("192.0.2.146", "192.0.2.155"), addresses(verdict));
        assertTrue(verdict.detail().contains("owner web-1") && verdict.detail().contains("owner web-2"), verdict.detail());
    }

    @Test
    void aliasWithoutTheRequestedFamilyFailsAndIsNotSentOn() throws IOException {
        files.write("db.hosts", "192.0.2.20 db\n");
        Verdict verdict = forward(tier(dir), "db", AddressPolicy.IPV6_ONLY);
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(verdict.detail().contains("no address of the requested family"), verdict.detail());
        assertTrue(verdict.detail().contains("db"), verdict.detail());
    }

    @Test
    void unknownNameFallsThrough() throws IOException {
        files.write("db.hosts", "192.0.2.20 db\n");
        Verdict verdict = forward(tier(dir), "example.org", AddressPolicy.IPV4_FIRST);
        assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
        assertTrue(verdict.detail().contains("not an alias"), verdict.detail());
    }

    @Test
    void scopesAreVisibleOnlyToJvmsThatHaveThem() throws IOException {
        files.write("shared.hosts", "192.0.2.1 common\n");
        files.write("net1/db-1.hosts", "192.0.2.31 db\n");
        files.write("net2/db-2.hosts", "192.0.2.32 db\n");
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
        files.write("x.hosts", "192.0.2.40 db.net1\n");
        files.write("net1/db.hosts", "192.0.2.41 db\n");
        assertEquals(List.of("192.0.2.40"), addresses(forward(tier(dir, "net1"), "db.net1", AddressPolicy.IPV4_FIRST)));
    }

    @Test
    void reverseGivesTheFirstNameOfTheLine() throws IOException {
        files.write("web.hosts", "192.0.2.10 web web.example\n");
        AliasTier tier = tier(dir);
        Verdict verdict = reverse(tier, "192.0.2.10");
        assertEquals(Outcome.ANSWER, verdict.outcome());
        assertEquals("web", verdict.hostName());
        assertEquals(Outcome.FALLTHROUGH, reverse(tier, "192.0.2.11").outcome());
    }

    @Test
    void aFileThatDoesNotParseIsLeftOutWholeAndReportedWithFileAndLine() throws IOException {
        files.write("good.hosts", "192.0.2.10 good\n");
        files.write("bad.hosts", "192.0.2.11 half\n192.0.2.x broken\n");
        files.write(".writer.hosts.tmp", "garbage\n");
        files.write("notes.txt", "not an owner\n");
        Aliases aliases = files.loaded();
        AliasTier tier = files.tier(aliases, Duration.ZERO);
        List<Problem> problems = aliases.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(dir.resolve("bad.hosts").toString(), problems.get(0).file());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).toString().contains("'192.0.2.x' is not an IP address"), problems.toString());
        assertEquals(Outcome.ANSWER, forward(tier, "good", AddressPolicy.IPV4_FIRST).outcome());
        assertEquals(Outcome.FALLTHROUGH, forward(tier, "half", AddressPolicy.IPV4_FIRST).outcome());
    }

    @Test
    void missingSourceIsAProblemAndAnEmptyTable() {
        Aliases aliases = files.loaded(dir.resolve("absent"));
        AliasTier tier = files.tier(aliases, Duration.ZERO);
        List<Problem> problems = aliases.problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString().contains("does not exist"), problems.toString());
        assertEquals(Outcome.FALLTHROUGH, forward(tier, "web", AddressPolicy.IPV4_FIRST).outcome());
    }

    private static final Duration TTL = Duration.ofMinutes(1);

    @Test
    void anOwnerNotRefreshedWithinOwnerTtlIsIgnoredUntilItsNextHeartbeat() throws IOException {
        Path web = files.write("web.hosts", "192.0.2.10 web\n");
        Aliases aliases = files.loaded();
        AliasTier tier = files.tier(aliases, TTL);
        assertEquals(List.of("192.0.2.10"), answer(tier, "web"));
        assertNotNull(tier.answer("web", AddressPolicy.IPV4_FIRST));

        files.clock.set(Files.getLastModifiedTime(web).toMillis() + TTL.toMillis());
        assertEquals(List.of("192.0.2.10"), answer(tier, "web"), "exactly ownerTtl old: still live");
        files.clock.advance(1);
        Verdict stale = forward(tier, "web", AddressPolicy.IPV4_FIRST);
        assertEquals(Outcome.FALLTHROUGH, stale.outcome());
        assertTrue(stale.detail().contains("every owner of 'web' is stale (web refreshed 60 s ago; aliases.ownerTtl 60 s)"),
                stale.detail());
        assertNull(tier.answer("web", AddressPolicy.IPV4_FIRST));

        AliasFiles.setModified(web, files.clock.getAsLong());
        files.clock.advance(AliasFiles.SETTLE_MILLIS);
        aliases.refresh();
        assertEquals(List.of("192.0.2.10"), answer(tier, "web"), "the heartbeat revives it");
    }

    @Test
    void aStaleOwnerOfASharedNameIsLeftOutAndNamedInTheDetail() throws IOException {
        Path old = files.write("web-old.hosts", "192.0.2.155 web\n");
        files.clock.advance(TTL.toMillis());
        files.write("web-new.hosts", "192.0.2.146 web\n");
        Aliases aliases = files.loaded();
        AliasTier tier = files.tier(aliases, TTL);

        Verdict verdict = forward(tier, "web", AddressPolicy.IPV4_FIRST);
        assertEquals(List.of("192.0.2.146"), addresses(verdict));
        assertTrue(verdict.detail().contains("owner web-new"), verdict.detail());
        assertTrue(verdict.detail().endsWith("; ignored as stale: web-old refreshed 62 s ago"), verdict.detail());
        assertNull(tier.answer("web", AddressPolicy.IPV4_FIRST), "a stale owner: the full chain decides");

        AliasFiles.setModified(old, files.clock.getAsLong());
        files.clock.advance(AliasFiles.SETTLE_MILLIS);
        aliases.refresh();
        assertEquals(List.of("192.0.2.146", "192.0.2.155"), answer(tier, "web"));
        assertEquals(2, tier.answer("web", AddressPolicy.IPV4_FIRST).length);
    }

    @Test
    void theSeedIncidentShowsBothClaimsWithOwnerAndAgeInOneDetail() throws IOException {
        files.writeModified("web-old.hosts", "192.0.2.155 web\n", files.clock.getAsLong() - Duration.ofDays(3).toMillis());
        files.write("web-new.hosts", "192.0.2.146 web\n");
        Verdict verdict = forward(files.tier(files.loaded(), Duration.ZERO), "web", AddressPolicy.IPV4_FIRST);
        assertEquals(List.of("192.0.2.146", "192.0.2.155"), addresses(verdict));
        assertEquals("claimed by 2 owners: "
                + "192.0.2.146 (owner web-new, refreshed 1 s ago, " + dir.resolve("web-new.hosts") + ":1); "
                + "192.0.2.155 (owner web-old, refreshed 3 d ago, " + dir.resolve("web-old.hosts") + ":1)", verdict.detail());
    }

    /** web: four IPv4 addresses and two IPv6 addresses, over two owners. */
    private Aliases sixAddresses() throws IOException {
        files.write("web-1.hosts", "2001:db8::1 web\n192.0.2.1 web\n192.0.2.2 web\n");
        files.write("web-2.hosts", "192.0.2.3 web\n2001:db8::2 web\n192.0.2.4 web\n");
        return files.loaded();
    }

    private static final List<String> SIX_IN_FILE_ORDER = List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4",
            "2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2");

    @Test
    void shuffleGivesNewOrdersButKeepsThePolicysFamilyOrder() throws IOException {
        AliasTier tier = files.tier(sixAddresses(), Duration.ZERO, AliasOrder.SHUFFLE);
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<String> viaChain = answer(tier, "web");
            List<String> fast = Arrays.stream(tier.answer("web", AddressPolicy.IPV4_FIRST)).map(InetAddress::getHostAddress).toList();
            for (List<String> answer : List.of(viaChain, fast)) {
                assertEquals(Set.copyOf(SIX_IN_FILE_ORDER), Set.copyOf(answer), answer.toString());
                assertTrue(answer.subList(0, 4).stream().noneMatch(a -> a.contains(":")), "IPv4 first: " + answer);
                orders.add(answer);
            }
        }
        assertTrue(orders.size() > 1, "200 lookups, always " + orders);
    }

    @Test
    void fileOrderIsStable() throws IOException {
        AliasTier tier = files.tier(sixAddresses(), Duration.ZERO);
        for (int i = 0; i < 50; i++) {
            assertEquals(SIX_IN_FILE_ORDER, answer(tier, "web"));
            assertEquals(SIX_IN_FILE_ORDER, Arrays.stream(tier.answer("web", AddressPolicy.IPV4_FIRST))
                    .map(InetAddress::getHostAddress).toList());
        }
    }

    @Test
    void theFastPathGivesNamedAddressesOfAnAliasAndNullWhereTheChainMustDecide() throws IOException {
        files.write("web.hosts", "192.0.2.10 web\n2001:db8::10 web\n");
        files.write("db.hosts", "192.0.2.20 db\n");
        AliasTier tier = files.tier(files.loaded(), Duration.ZERO);
        assertNull(tier.answer("example.org", AddressPolicy.IPV4_FIRST), "not an alias");
        assertNull(tier.answer("db", AddressPolicy.IPV6_ONLY), "no address of that family");
        for (String host : List.of("web", "WEB.", "Web", "web.")) {
            InetAddress[] answer = tier.answer(host, AddressPolicy.IPV6_FIRST);
            assertEquals(List.of("2001:db8:0:0:0:0:0:10", "192.0.2.10"),
                    Arrays.stream(answer).map(InetAddress::getHostAddress).toList(), host);
            for (InetAddress address : answer) {
                assertEquals(host, address.getHostName());
            }
            answer[0] = null; // the caller's own array
        }
        assertEquals(1, tier.answer("web", AddressPolicy.IPV4_ONLY).length);
        assertNotNull(tier.answer("web", AddressPolicy.IPV6_FIRST)[0]);
    }

    // what status shows of the aliases (AliasStatus): owners with age and TTL left, names in conflict, what is wrong

    private static final Duration STATUS_TTL = Duration.ofMinutes(10);

    @Test
    void theSeedIncidentIsAConflictWithEachOwnersAgeAndAStaleOwner() throws IOException {
        long now = files.clock.getAsLong();
        files.writeModified("web-old.hosts", "192.0.2.155 web\n", now - Duration.ofHours(3).toMillis());
        files.writeModified("web-new.hosts", "192.0.2.146 web\n10.0.0.9 db\n", now - 30_000);
        AliasTier tier = files.tier(files.loaded(), STATUS_TTL);

        Map<String, Object> state = tier.state();
        assertEquals(Instant.ofEpochMilli(tier.registry().lastChangeMillis()).toString(), state.get("aliasLastChange"));
        List<?> owners = (List<?>) state.get("aliasOwnerList");
        assertEquals(Map.of("owner", "web-new", "location", dir.resolve("web-new.hosts").toString(), "ageSeconds", 30L,
                "ttlLeftSeconds", 570L, "stale", false), owners.get(0));
        assertEquals(Map.of("owner", "web-old", "location", dir.resolve("web-old.hosts").toString(), "ageSeconds", 10_800L,
                "ttlLeftSeconds", -10_200L, "stale", true), owners.get(1));
        assertEquals(0, state.get("aliasOwnersNotListed"));

        Map<?, ?> conflicts = (Map<?, ?>) state.get("aliasConflicts");
        assertEquals(List.of("web"), List.copyOf(conflicts.keySet()), "db has one owner: no conflict");
        List<?> claims = (List<?>) conflicts.get("web");
        assertEquals(2, claims.size());
        assertEquals("192.0.2.155", ((Map<?, ?>) claims.stream().filter(c -> ((Map<?, ?>) c).get("owner").equals("web-old")).findFirst()
                .orElseThrow()).get("address"));

        assertEquals(List.of("alias: 1 name claimed by more than one owner",
                "alias: 1 owner stale (not refreshed within aliases.ownerTtl)"), tier.problems());
    }

    @Test
    void withoutAnOwnerTtlNoOwnerHasATtlAndNoneIsStale() throws IOException {
        files.writeModified("web.hosts", "192.0.2.1 web\n", files.clock.getAsLong() - Duration.ofDays(30).toMillis());
        AliasTier tier = files.tier(files.loaded(), Duration.ZERO);
        Map<?, ?> owner = (Map<?, ?>) ((List<?>) tier.state().get("aliasOwnerList")).get(0);
        assertNull(owner.get("ttlLeftSeconds"));
        assertFalse(owner.containsKey("stale"));
        assertEquals(List.of(), tier.problems());
    }

    @Test
    void listsStopAtAHundredAndCountTheRest() throws IOException {
        for (int i = 0; i < 130; i++) {
            files.write(String.format("web-%03d.hosts", i), "192.0.2." + (i % 250) + " web shared\n");
        }
        Map<String, Object> state = files.tier(files.loaded(), Duration.ZERO).state();
        assertEquals(AliasStatus.MAX_LISTED, ((List<?>) state.get("aliasOwnerList")).size());
        assertEquals(30, state.get("aliasOwnersNotListed"));
        assertEquals(2, ((Map<?, ?>) state.get("aliasConflicts")).size());
        assertEquals(0, state.get("aliasConflictsNotListed"));
    }

    @Test
    void aRegistrationThatDoesNotParseIsAProblemAndItsOwnerSaysWhy() throws IOException {
        files.write("web.hosts", "192.0.2.1 web\n");
        AliasFiles.Aliases aliases = files.loaded();
        AliasTier tier = files.tier(aliases, Duration.ZERO);
        files.write("web.hosts", "not-an-address web\n");
        files.clock.advance(AliasFiles.SETTLE_MILLIS);
        aliases.refresh();
        assertEquals(List.of("alias: 1 problem in the source (the last good registrations are in force)"), tier.problems());
        Map<?, ?> owner = (Map<?, ?>) ((List<?>) tier.state().get("aliasOwnerList")).get(0);
        assertTrue(String.valueOf(owner.get("notInForce")).contains("web.hosts:1"), String.valueOf(owner));
    }
}
