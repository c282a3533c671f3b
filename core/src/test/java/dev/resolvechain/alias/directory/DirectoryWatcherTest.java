package dev.resolvechain.alias.directory;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.awaitMillis;
import static dev.resolvechain.alias.directory.AliasFiles.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resolvechain.Outcome;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher in real time on real files: every kind of change is answered within a generous bound. */
class DirectoryWatcherTest {
    static final Duration BOUND = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(500);
    static final String THREAD_NAME = "resolvechain-aliases";

    @TempDir
    Path dir;
    private AliasTier tier;

    /** Starts watching the source {@code dir} (scope net1) with {@code a.hosts} in it, as a JVM does at start. */
    private void watching(Duration poll) throws IOException {
        Files.writeString(dir.resolve("a.hosts"), "192.0.2.1 a\n");
        tier = AliasFiles.watched(dir, poll, AliasOrder.FILE, "net1");
        assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "loaded at start");
    }

    @AfterEach
    void tearDown() {
        if (tier != null) {
            tier.close();
        }
    }

    /** Waits for {@code change} to be answered, prints how long it took, asserts only the bound. */
    private void assertVisible(String change, BooleanSupplier answered) {
        long millis = awaitMillis(BOUND, answered, () -> change + ": owners " + tier.registry().owners().stream()
                .map(o -> o.label() + " " + o.lines()).toList() + ", problems " + tier.registry().problems());
        System.out.printf("alias watcher: %-36s visible after %4d ms%n", change, millis);
    }

    @Test
    void aChangeWrittenInPlace() throws IOException {
        watching(POLL);
        Files.writeString(dir.resolve("a.hosts"), "192.0.2.2 a\n");
        assertVisible("change written in place", () -> answer(tier, "a").equals(List.of("192.0.2.2")));
    }

    @Test
    void aChangeByRename() throws IOException {
        watching(POLL);
        Path temporary = Files.writeString(dir.resolve(".a.hosts.tmp"), "192.0.2.3 a\n");
        Files.move(temporary, dir.resolve("a.hosts"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertVisible("change by rename", () -> answer(tier, "a").equals(List.of("192.0.2.3")));
    }

    @Test
    void aNewFile() throws IOException {
        watching(POLL);
        Files.writeString(dir.resolve("b.hosts"), "192.0.2.4 b\n");
        assertVisible("new file", () -> answer(tier, "b").equals(List.of("192.0.2.4")));
    }

    @Test
    void aDeletedFile() throws IOException {
        watching(POLL);
        Files.delete(dir.resolve("a.hosts"));
        assertVisible("deleted file", () -> outcome(tier, "a") == Outcome.FALLTHROUGH);
    }

    @Test
    void aNewScopeDirectoryAndAChangeInIt() throws IOException {
        watching(POLL);
        Path db = Files.createDirectories(dir.resolve("net1")).resolve("db.hosts");
        Files.writeString(db, "192.0.2.20 db\n");
        assertVisible("new scope directory", () -> answer(tier, "db.net1").equals(List.of("192.0.2.20")));
        Files.writeString(db, "192.0.2.21 db\n");
        assertVisible("change in the new scope directory", () -> answer(tier, "db").equals(List.of("192.0.2.21")));
    }

    @Test
    void closeStopsTheDaemonThread() throws IOException, InterruptedException {
        Set<Thread> before = watcherThreads();
        watching(POLL);
        Set<Thread> started = watcherThreads();
        started.removeAll(before);
        assertEquals(1, started.size(), "one thread named " + THREAD_NAME);
        Thread thread = started.iterator().next();
        assertTrue(thread.isDaemon());

        tier.close();
        thread.join(BOUND.toMillis());
        assertFalse(thread.isAlive(), "ended within " + BOUND.toMillis() + " ms of close()");
    }

    @Test
    void aChangeRightAfterStartIsSeenWithoutWaitingForThePoll() throws IOException {
        watching(Duration.ofMinutes(10));
        Files.writeString(dir.resolve("b.hosts"), "192.0.2.5 b\n"); // most likely before the thread watches
        assertVisible("new file right after start", () -> answer(tier, "b").equals(List.of("192.0.2.5")));
    }

    @Test
    void closeRightAfterStartLeavesNoWatchServiceBehind() throws IOException, InterruptedException {
        // each open WatchService of the JDK has a daemon thread; that is how a left one shows
        long before = watchServiceThreads();
        try (WatchService service = dir.getFileSystem().newWatchService()) {
            assumeTrue(awaitCount(before + 1), "this JDK's WatchService has no thread of its own to count");
        }
        assumeTrue(awaitCount(before), "WatchService threads of other tests come and go");
        AliasDirectory directory = new AliasDirectory(dir, Set.of(), new AliasRegistry(), POLL);
        for (int i = 0; i < 10; i++) {
            new DirectoryWatcher(directory, POLL).start().close();
        }
        assertTrue(awaitCount(before), "left open: " + (watchServiceThreads() - before) + " of 10");
    }

    @Test
    void atShutdownTheWatchServiceIsClosedSoTheJvmDoesNotWaitForItsNativeThread() throws IOException, InterruptedException {
        // hotspot waits up to 300 ms at exit for threads in a native call, daemon or not; the JDK's
        // file-event thread is one
        long before = watchServiceThreads();
        try (WatchService service = dir.getFileSystem().newWatchService()) {
            assumeTrue(awaitCount(before + 1), "this JDK's WatchService has no thread of its own to count");
        }
        assumeTrue(awaitCount(before), "WatchService threads of other tests come and go");
        DirectoryWatcher watcher = new DirectoryWatcher(new AliasDirectory(dir, Set.of(), new AliasRegistry(), POLL), POLL).start();
        assertTrue(awaitCount(before + 1), "watching");

        Thread hook = watcher.closeAtExit();
        assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "watching registered the shutdown hook");
        hook.run(); // what the JVM does at exit
        assertTrue(awaitCount(before), "the JDK's file-event thread ended");
    }

    @Test
    void closeRemovesTheShutdownHook() {
        DirectoryWatcher watcher = new DirectoryWatcher(new AliasDirectory(dir, Set.of(), new AliasRegistry(), POLL), POLL).start();
        watcher.close();
        assertFalse(Runtime.getRuntime().removeShutdownHook(watcher.closeAtExit()), "a closed watcher keeps no hook");
    }

    private static long watchServiceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("FileSystemWatch")).count();
    }

    private static boolean awaitCount(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (watchServiceThreads() != expected) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static Set<Thread> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(THREAD_NAME) && t.isAlive())
                .collect(Collectors.toSet());
    }
}
