package dev.resolvechain.alias;

import static dev.resolvechain.TierQueries.forward;
import static dev.resolvechain.alias.directory.AliasFiles.awaitMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Outcome;
import dev.resolvechain.Verdict;
import dev.resolvechain.alias.directory.AliasFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers look a name up while a writer rewrites its owner's file thousands of times, in place and
 * by rename. Every version of the file is complete and names its version in every address, so a
 * reader that ever got a half-written or mixed registration shows it.
 */
class AliasConcurrencyTest {
    static final String NAME = "svc";
    /** Addresses per version. */
    static final int K = 8;
    static final int VERSIONS = 3000;
    static final int READERS = 6;
    static final Duration WRITING_AT_MOST = Duration.ofSeconds(15);
    static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicIntegerArray lastSeen = new AtomicIntegerArray(READERS);
    private final Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicLong lookups = new AtomicLong();
    private volatile boolean stop;

    /** Version {@code v}: the name with {@code 2001:db8:0:v::1} to {@code ::K}, every version the same length. */
    static String version(int v) {
        StringBuilder text = new StringBuilder(String.format("# version %04x%n", v));
        for (int i = 1; i <= K; i++) {
            text.append(String.format("2001:db8:0:%04x::%x %s%n", v, i, NAME));
        }
        return text.toString();
    }

    /** The version every one of {@code addresses} encodes, with each of 1..K once; else an AssertionError saying what is wrong. */
    static int versionOf(List<InetAddress> addresses) {
        if (addresses.size() != K) {
            throw new AssertionError(addresses.size() + " addresses, not " + K + ": " + addresses);
        }
        int version = -1;
        BitSet indexes = new BitSet();
        for (InetAddress address : addresses) {
            byte[] bytes = address.getAddress();
            int v = (bytes[6] & 0xff) << 8 | (bytes[7] & 0xff);
            if (version >= 0 && v != version) {
                throw new AssertionError("mixed versions " + version + " and " + v + ": " + addresses);
            }
            version = v;
            indexes.set(bytes[15]);
        }
        if (indexes.cardinality() != K || indexes.nextSetBit(0) != 1) {
            throw new AssertionError("not addresses 1.." + K + " of one version: " + addresses);
        }
        return version;
    }

    @Test
    void readersNeverSeeAHalfWrittenOrMixedRegistration() throws Exception {
        Path file = dir.resolve(NAME + ".hosts");
        Files.writeString(file, version(0));
        try (AliasTier tier = AliasFiles.watched(dir, Duration.ofMillis(500), AliasOrder.SHUFFLE)) {
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                Thread thread = new Thread(() -> read(tier, reader), "alias-reader-" + r);
                thread.start();
                readers.add(thread);
            }
            long start = System.nanoTime();
            int last = write(file, start + WRITING_AT_MOST.toNanos());
            long writingMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            long settleMillis = awaitMillis(BOUND, () -> everyReaderSaw(last) || !failures.isEmpty(),
                    () -> "readers still at " + lastSeen + ", the last version is " + last);
            stop = true;
            for (Thread reader : readers) {
                reader.join(BOUND.toMillis());
            }
            System.out.printf("alias concurrency: %d versions written in %d ms, %d lookups by %d readers saw %d versions,"
                    + " the last %d ms after the last write%n",
                    last, writingMillis, lookups.get(), READERS, versionsSeen.size(), settleMillis);
            assertEquals(List.of(), List.copyOf(failures));
            assertTrue(last >= 100, "only " + last + " versions written");
            assertEquals(List.of(), tier.registry().problems());
        }
    }

    /** Writes versions 1.. alternately in place and by rename until {@link #VERSIONS} or the deadline; returns the last. */
    private int write(Path file, long deadlineNanos) throws IOException, InterruptedException {
        Random random = new Random(42);
        Path temporary = dir.resolve("." + NAME + ".hosts.tmp");
        int v = 0;
        while (v < VERSIONS && System.nanoTime() - deadlineNanos < 0) {
            v++;
            if (v % 2 == 1) {
                Files.writeString(file, version(v), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } else {
                Files.writeString(temporary, version(v));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            if (v % 24 == 0) {
                // 20 to 50 ms, about the settle time: the aliases reads some versions and races the next write
                Thread.sleep(20 + random.nextInt(30));
            }
        }
        return v;
    }

    private void read(AliasTier tier, int reader) {
        boolean answered = false;
        int seen = -1;
        for (long i = 0; !stop; i++) {
            try {
                List<InetAddress> addresses;
                String why;
                if (i % 2 == 0) {
                    InetAddress[] fast = tier.answer(NAME, AddressPolicy.IPV4_FIRST);
                    addresses = fast == null ? null : Arrays.asList(fast);
                    why = "fastAnswer null";
                } else {
                    Verdict verdict = forward(tier, NAME, AddressPolicy.IPV4_FIRST);
                    addresses = verdict.outcome() == Outcome.ANSWER ? verdict.addresses() : null;
                    why = verdict.outcome() + ": " + verdict.detail();
                }
                lookups.incrementAndGet();
                if (addresses == null) {
                    if (answered) {
                        fail(reader, "after an answer: " + why);
                        return;
                    }
                    continue;
                }
                answered = true;
                int version = versionOf(addresses);
                if (version < seen) {
                    fail(reader, "version " + version + " after version " + seen);
                    return;
                }
                seen = version;
                lastSeen.set(reader, version);
                versionsSeen.add(version);
                if (i % 128 == 0) {
                    LockSupport.parkNanos(50_000); // a breath for the writer and the watcher on small machines
                }
            } catch (Throwable e) {
                fail(reader, e.toString());
                return;
            }
        }
    }

    private void fail(int reader, String failure) {
        failures.add("reader " + reader + ": " + failure);
        lastSeen.set(reader, -1);
    }

    private boolean everyReaderSaw(int version) {
        for (int r = 0; r < READERS; r++) {
            if (lastSeen.get(r) != version) {
                return false;
            }
        }
        return true;
    }
}
