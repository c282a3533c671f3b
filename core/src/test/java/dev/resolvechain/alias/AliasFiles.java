package dev.resolvechain.alias;

import static dev.resolvechain.TierQueries.addresses;
import static dev.resolvechain.TierQueries.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An alias source directory for tests, and the clock its registry and tier read. Files written by
 * {@link #write} get a modification time of their own, settled on that clock, so no rule about
 * files being written gets in the way and no two versions of a file look alike to the registry;
 * tests of those rules set modification times and move the clock themselves.
 */
final class AliasFiles {
    /** A fixed point in time (2024-01-01): modification times are all set explicitly, so the real clock does not matter. */
    static final long START_MILLIS = 1_704_067_200_000L;

    final Path dir;
    final Clock clock = new Clock(START_MILLIS);

    AliasFiles(Path dir) {
        this.dir = dir;
    }

    /** A clock a test sets and moves. */
    static final class Clock implements LongSupplier {
        private final AtomicLong millis;

        Clock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        @Override
        public long getAsLong() {
            return millis.get();
        }

        long advance(long delta) {
            return millis.addAndGet(delta);
        }

        void set(long now) {
            millis.set(now);
        }
    }

    /** Writes {@code relative} modified now on the clock, then moves the clock on until every settle rule is met. */
    Path write(String relative, String text) throws IOException {
        Path file = writeModified(relative, text, clock.getAsLong());
        clock.advance(AliasRegistry.INCOMPLETE_SETTLE_MILLIS);
        return file;
    }

    /** Writes {@code relative} (creating its directory) with the modification time {@code modifiedMillis}; the clock is not moved. */
    Path writeModified(String relative, String text, long modifiedMillis) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        setModified(file, modifiedMillis);
        return file;
    }

    /** A heartbeat: same content, the modification time {@code modifiedMillis}. */
    static void setModified(Path file, long modifiedMillis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    /** A registry of this directory on this clock, not yet loaded. */
    AliasRegistry registry(String... scopes) {
        return registry(dir, scopes);
    }

    /** A registry of {@code source} (this directory or a file in it) on this clock, not yet loaded. */
    AliasRegistry registry(Path source, String... scopes) {
        return new AliasRegistry(new AliasSource(source), Set.of(scopes), clock);
    }

    /** A registry of this directory on this clock, loaded. */
    AliasRegistry loaded(String... scopes) {
        return loaded(dir, scopes);
    }

    /** A registry of {@code source} on this clock, loaded. */
    AliasRegistry loaded(Path source, String... scopes) {
        AliasRegistry registry = registry(source, scopes);
        assertEquals(0, registry.refresh(), "every file settled");
        return registry;
    }

    /** A tier on {@code registry} and this clock, in file order. */
    AliasTier tier(AliasRegistry registry, Duration ownerTtl) {
        return new AliasTier(registry, ownerTtl, false, clock);
    }

    /** The addresses {@code tier} answers for {@code name} (IPv4 first); empty when it does not answer. */
    static List<String> answer(AliasTier tier, String name) {
        return addresses(forward(tier, name, AddressPolicy.IPV4_FIRST));
    }

    /** The outcome of {@code tier}'s answer for {@code name} (IPv4 first). */
    static Outcome outcome(AliasTier tier, String name) {
        return forward(tier, name, AddressPolicy.IPV4_FIRST).outcome();
    }

    /** A tier on {@code source} in real time, loaded and watched as a JVM's at start. */
    static AliasTier watched(Path source, Duration poll, boolean shuffle, String... scopes) {
        return new AliasTier(new AliasRegistry(new AliasSource(source), Set.of(scopes)), Duration.ZERO, shuffle).watch(poll);
    }

    /**
     * Waits (real time) until {@code condition} holds, at most {@code bound}; fails with
     * {@code state} otherwise. Returns how long it took, in milliseconds.
     */
    static long awaitMillis(Duration bound, BooleanSupplier condition, Supplier<String> state) {
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
