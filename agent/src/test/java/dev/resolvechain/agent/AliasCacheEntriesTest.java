package dev.resolvechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.jdk.JdkResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AliasCacheEntries} against a stand-in of the JDK's cache (a map, an {@code Addresses}
 * interface, a lookup in progress) and a real chain whose alias table the test changes with
 * {@link AliasTier#load()}: every hit reads the live table, and an entry whose name stopped being
 * an alias removes itself and answers through the chain.
 */
class AliasCacheEntriesTest {
    /** The shape of the JDK's private {@code InetAddress$Addresses}. */
    interface Addresses {
        InetAddress[] get() throws UnknownHostException;
    }

    /** Stands in for the JDK's {@code NameServiceAddresses}: a lookup in progress. */
    static final class Lookup implements Addresses {
        @Override
        public InetAddress[] get() {
            throw new AssertionError("not called");
        }
    }

    @TempDir
    Path dir;

    private final ConcurrentMap<String, Object> cache = new ConcurrentHashMap<>();
    private final AliasCacheEntries entries = new AliasCacheEntries(cache, Addresses.class, Lookup.class);
    private AliasDirectory aliases;
    private int versions;

    @BeforeEach
    void chain() throws IOException {
        write("web.hosts", "10.9.8.7 web", "fd00::7 web", "fd00::8 v6only");
        aliases = answerFrom(AddressPolicy.IPV4_FIRST);
    }

    /** A new chain over {@code dir}, installed as the entries' source, as an attach does. */
    private AliasDirectory answerFrom(AddressPolicy policy) {
        return answerFrom(dir, policy);
    }

    /** A new chain over the alias directory {@code source}, installed as the entries' source. */
    private static AliasDirectory answerFrom(Path directory, AddressPolicy policy) {
        AliasRegistry registry = new AliasRegistry();
        AliasDirectory source = new AliasDirectory(directory, Set.of(), registry, Duration.ofMinutes(10));
        source.refresh();
        AliasTier tier = new AliasTier(registry, source, Duration.ZERO, AliasOrder.FILE);
        AliasCacheEntries.answerFrom(new JdkResolver(new ResolveChain(List.of(tier), Duration.ofSeconds(1), tier), null), policy);
        return source;
    }

    /** Writes an owner file dated in the past (each version a second later), so the registry takes it at once. */
    private void write(String owner, String... lines) throws IOException {
        write(dir.resolve(owner), lines);
    }

    private void write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000 + 1000L * versions++));
    }

    private Addresses entry(String host) {
        Object entry = cache.get(host);
        assertTrue(entry instanceof Addresses && !(entry instanceof Lookup), "an alias entry for " + host + ": " + entry);
        return (Addresses) entry;
    }

    private static List<String> texts(InetAddress[] addresses) {
        List<String> texts = new ArrayList<>();
        for (InetAddress address : addresses) {
            texts.add(address.getHostName() + "/" + address.getHostAddress());
        }
        return texts;
    }

    @Test
    void anAliasGetsAnEntryThatAnswersWithTheJdkPolicy() throws UnknownHostException {
        entries.offer("web");

        Addresses entry = entry("web");
        assertEquals(List.of("web/10.9.8.7", "web/fd00:0:0:0:0:0:0:7"), texts(entry.get()));
        assertNewArrays(entry.get(), entry.get());
    }

    private static void assertNewArrays(InetAddress[] first, InetAddress[] second) {
        assertFalse(first == second, "every hit is a new array: the JDK clones it, but the caller must not share it");
    }

    @Test
    void noEntryForANameTheAliasTierDoesNotAnswer() {
        entries.offer("elsewhere.example");
        aliases = answerFrom(AddressPolicy.IPV4_ONLY);
        entries.offer("v6only"); // an alias, but without an address of the JDK's family: the chain decides

        assertTrue(cache.isEmpty(), cache::toString);
    }

    /** Entries only for names as the table spells them: they stay as few as the table's names. */
    @Test
    void noEntryForACaseOrTrailingDotVariant() {
        entries.offer("WEB");
        entries.offer("web.");

        assertTrue(cache.isEmpty(), cache::toString);
    }

    /** The JDK's own lookup of the name is in the cache while the hook runs: the entry takes its place. */
    @Test
    void replacesTheLookupInProgressAndNothingElse() {
        Lookup inProgress = new Lookup();
        cache.put("web", inProgress);
        entries.offer("web");
        Addresses entry = entry("web");

        assertFalse(cache.remove("web", inProgress), "the lookup's own removal of itself leaves the entry");
        entries.offer("web");
        assertSame(entry, cache.get("web"), "an entry is kept, not replaced");

        Addresses cachedByTheJdk = () -> new InetAddress[0];
        cache.put("web", cachedByTheJdk);
        entries.offer("web");
        assertSame(cachedByTheJdk, cache.get("web"));
    }

    /** Gives {@code web} an entry, then has the alias tier read web.hosts rewritten to {@code lines}. */
    private Addresses entryThenTable(String... lines) throws IOException {
        entries.offer("web");
        Addresses entry = entry("web");
        write("web.hosts", lines);
        aliases.refresh();
        return entry;
    }

    @Test
    void everyHitReadsTheLiveTable() throws IOException {
        Addresses entry = entryThenTable("10.9.8.70 web");

        assertEquals(List.of("web/10.9.8.70"), texts(entry.get()));
        assertSame(entry, cache.get("web"));
    }

    @Test
    void anEntryWhoseNameIsNoAliasAnyMoreRemovesItselfAndTheChainAnswers() throws IOException {
        Addresses entry = entryThenTable("10.9.8.8 other");

        String failure = removesItselfFailing(entry);
        assertTrue(failure.startsWith("resolvechain: web: no tier has it; alias: not an alias"), failure);
    }

    /** The chain's failure when {@code entry}, for {@code web}, is asked; the entry is gone from the cache. */
    private String removesItselfFailing(Addresses entry) {
        UnknownHostException failure = assertThrows(UnknownHostException.class, entry::get);
        assertNull(cache.get("web"));
        return failure.getMessage();
    }

    @Test
    void anEntryWhoseNameLostTheFamilyRemovesItselfAndTheChainSaysWhy() throws IOException {
        Addresses entry = entryThenTable("fd00::7 web");
        answerFrom(AddressPolicy.IPV4_ONLY);

        String failure = removesItselfFailing(entry);
        assertTrue(failure.contains("alias 'web' has no address of the requested family"), failure);
    }

    @Test
    void anotherEntryInTheCacheIsLeftAlone() throws IOException {
        Addresses entry = entryThenTable("10.9.8.8 other");
        Addresses replacement = () -> new InetAddress[0];
        cache.put("web", replacement);

        assertThrows(UnknownHostException.class, entry::get);
        assertSame(replacement, cache.get("web"), "an entry removes only itself");
    }

    /** A re-attach installs a new chain: entries made under the old one answer from the new one. */
    @Test
    void entriesFollowTheResolverInstalledLast() throws IOException {
        entries.offer("web");
        Addresses entry = entry("web");

        Path second = Files.createDirectory(dir.resolve("second"));
        write(second.resolve("web.hosts"), "10.9.8.99 web");
        answerFrom(second, AddressPolicy.IPV4_ONLY);

        assertEquals(List.of("web/10.9.8.99"), texts(entry.get()));
    }

    @Test
    void objectMethodsAreIdentityAndSayWhatTheEntryIs() {
        entries.offer("web");
        entries.offer("v6only");
        Object web = cache.get("web");
        Object other = cache.get("v6only");

        assertEquals("resolvechain alias entry for web", web.toString());
        assertEquals(System.identityHashCode(web), web.hashCode());
        assertTrue(web.equals(web));
        assertNotEquals(web, other);
        assertTrue(cache.remove("web", web));
    }
}
