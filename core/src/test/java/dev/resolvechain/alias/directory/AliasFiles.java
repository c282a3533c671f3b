package dev.resolvechain.alias.directory;

import static dev.resolvechain.TierQueries.addresses;
import static dev.resolvechain.TierQueries.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Outcome;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.files.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An alias source directory for tests, and the clock its directory source, registry and tier read.
 * Files written by {@link #write} get a modification time of their own, settled on that clock, so
 * no rule about files being written gets in the way and no two versions of a file look alike to the
 * source; tests of those rules set modification times and move the clock themselves.
 */
public final class AliasFiles {
    /** A fixed point in time (2024-01-01): modification times are all set explicitly, so the real clock does not matter. */
    static final long START_MILLIS = 1_704_067_200_000L;
    /** How long a file must be unchanged before it is read. */
    public static final long SETTLE_MILLIS = AliasDirectory.SETTLE_MILLIS;

    public final Path dir;
    public final Clock clock = new Clock(START_MILLIS);

    public AliasFiles(Path dir) {
        this.dir = dir;
    }

    /** A clock a test sets and moves. */
    public static final class Clock implements LongSupplier {
        private final AtomicLong millis;

        Clock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        @Override
        public long getAsLong() {
            return millis.get();
        }

        public long advance(long delta) {
            return millis.addAndGet(delta);
        }

        public void set(long now) {
            millis.set(now);
        }
    }

    /** A directory source and the registry it feeds, driven by hand (no watcher). */
    public record Aliases(AliasDirectory directory, AliasRegistry registry) {
        public long refresh() {
            return directory.refresh();
        }

        public long refresh(Collection<Path> changed) {
            return directory.refresh(changed);
        }

        public void refreshSettled(Duration patience) {
            directory.refreshSettled(patience);
        }

        public List<Problem> problems() {
            return registry.problems();
        }

        public List<dev.resolvechain.alias.Owner> owners() {
            return registry.owners();
        }

        public int nameCount() {
            return registry.nameCount();
        }

        public long lastChangeMillis() {
            return registry.lastChangeMillis();
        }

        public Map<String, List<dev.resolvechain.alias.Claim>> claimedByMany() {
            return registry.claimedByMany();
        }
    }

    /** Writes {@code relative} modified now on the clock, then moves the clock on until every settle rule is met. */
    public Path write(String relative, String text) throws IOException {
        Path file = writeModified(relative, text, clock.getAsLong());
        clock.advance(AliasDirectory.INCOMPLETE_SETTLE_MILLIS);
        return file;
    }

    /** Writes {@code relative} (creating its directory) with the modification time {@code modifiedMillis}; the clock is not moved. */
    public Path writeModified(String relative, String text, long modifiedMillis) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        setModified(file, modifiedMillis);
        return file;
    }

    /** A heartbeat: same content, the modification time {@code modifiedMillis}. */
    public static void setModified(Path file, long modifiedMillis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    /** The aliases of this directory on this clock, not yet loaded. */
    public Aliases aliases(String... scopes) {
        return aliases(dir, scopes);
    }

    /** The aliases of {@code source} (this directory or a file in it) on this clock, not yet loaded. */
    public Aliases aliases(Path source, String... scopes) {
        AliasRegistry registry = new AliasRegistry(clock);
        return new Aliases(new AliasDirectory(source, Set.of(scopes), registry, AliasDirectory.Options.polling(Duration.ofMinutes(10)), clock), registry);
    }

    /** The aliases of this directory on this clock, loaded. */
    public Aliases loaded(String... scopes) {
        return loaded(dir, scopes);
    }

    /** The aliases of {@code source} on this clock, loaded. */
    public Aliases loaded(Path source, String... scopes) {
        Aliases aliases = aliases(source, scopes);
        assertEquals(0, aliases.refresh(), "every file settled");
        return aliases;
    }

    /** A tier on {@code aliases} and this clock, in file order. */
    public AliasTier tier(Aliases aliases, Duration ownerTtl) {
        return tier(aliases, ownerTtl, AliasOrder.FILE);
    }

    public AliasTier tier(Aliases aliases, Duration ownerTtl, AliasOrder order) {
        return new AliasTier(aliases.registry(), aliases.directory(), ownerTtl, order, clock);
    }

    /** The addresses {@code tier} answers for {@code name} (IPv4 first); empty when it does not answer. */
    public static List<String> answer(AliasTier tier, String name) {
        return addresses(forward(tier, name, AddressPolicy.IPV4_FIRST));
    }

    /** The outcome of {@code tier}'s answer for {@code name} (IPv4 first). */
    public static Outcome outcome(AliasTier tier, String name) {
        return forward(tier, name, AddressPolicy.IPV4_FIRST).outcome();
    }

    /** A tier on {@code source} in real time, loaded and watched as a JVM's at start. */
    public static AliasTier watched(Path source, Duration poll, AliasOrder order, String... scopes) {
        AliasRegistry registry = new AliasRegistry();
        return new AliasTier(registry, new AliasDirectory(source, Set.of(scopes), registry, poll), Duration.ZERO, order).start();
    }

    /**
     * Waits (real time) until {@code condition} holds, at most {@code bound}; fails with
     * {@code state} otherwise. Returns how long it took, in milliseconds.
     */
    public static long awaitMillis(Duration bound, BooleanSupplier condition, Supplier<String> state) {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + bound.toMillis() + " ms: " + state.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting");
            }
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
