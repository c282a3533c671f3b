package dev.resolvechain.alias.directory;

import dev.resolvechain.Log;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an {@link AliasDirectory}'s registry current: file events where the file system gives them (they name
 * the changed file, so only it is read), and a full look at the source every {@code poll} interval
 * in any case, since bind mounts and network file systems give no events. One daemon thread.
 */
final class DirectoryWatcher implements AutoCloseable {
    /**
     * Full looks are at least this many times their own duration apart: the poll takes at most 5%
     * of one core in the service's JVM, whatever the size of the source (10,000 owner files take
     * about 30 ms to look at, so they are looked at every 600 ms instead of every 500 ms).
     */
    static final long POLL_SPACING = 20;
    /** The default {@code aliases.poll}. */
    static final long WATCH_DELAY_MILLIS = 500;

    private final AliasDirectory directory;
    private final long pollMillis;
    private final Thread thread;
    private final Thread closeAtExit;
    private volatile boolean closed;
    private volatile WatchService watchService;

    DirectoryWatcher(AliasDirectory directory, Duration poll) {
        this.directory = directory;
        this.pollMillis = Math.max(1, poll.toMillis());
        this.thread = new Thread(new Runnable() { // classes, not method references: made as the chain is built, at JVM start
            @Override
            public void run() {
                watch();
            }
        }, "resolvechain-aliases");
        this.thread.setDaemon(true);
        this.closeAtExit = new Thread(new Runnable() {
            @Override
            public void run() {
                close();
            }
        }, "resolvechain-aliases-close");
    }

    /**
     * Starts watching, and closes the watch service when the JVM shuts down: the JDK's file-event
     * thread waits in a native call, and a JVM that exits waits up to 300 ms for threads in native
     * calls (hotspot's {@code VM_Exit::wait_for_threads_in_native_to_block}), even daemon ones.
     */
    DirectoryWatcher start() {
        thread.start();
        return this;
    }

    /**
     * A JVM that lives less than {@link #WATCH_DELAY_MILLIS} never pays for file events (a few dozen
     * classes and a poller thread): the watches begin that long after the load (or one poll, if
     * shorter), and their first full look finds what changed in between.
     */
    private void watch() {
        try {
            Thread.sleep(Math.min(pollMillis, WATCH_DELAY_MILLIS));
        } catch (InterruptedException e) {
            return; // closed
        }
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(closeAtExit);
        } catch (IllegalStateException e) {
            return; // already shutting down
        } catch (SecurityException e) {
            Log.debug("no shutdown hook for the alias watcher (the JVM may wait up to 300 ms at exit): " + e);
        }
        watchAndLook();
    }

    private void watchAndLook() {
        Map<WatchKey, Path> directories = new HashMap<>();
        try {
            watchService = directory.path().getFileSystem().newWatchService();
            if (closed) {
                watchService.close(); // closed before the service existed, so close() could not close it
                return;
            }
            watch(directory.path(), directories);
        } catch (IOException | RuntimeException e) {
            Log.debug("alias source watched by polling only: " + e);
        }
        // a full look at once: what changed after the first load and before the watches is in no event
        long nextFullLook = System.nanoTime();
        long pending = 0;
        String lastFailure = null; // logged once while it repeats
        while (!closed) {
            try {
                // a file dated in the future (another host's clock) is pending until then: never
                // wait past the next full look for it, the poll is all there is without file events
                long untilFullLook = TimeUnit.NANOSECONDS.toMillis(nextFullLook - System.nanoTime());
                long waitMillis = Math.max(1, pending > 0 ? Math.min(pending, untilFullLook) : untilFullLook);
                List<Path> changed = new ArrayList<>();
                boolean full = waitForEvents(waitMillis, directories, changed);
                if (full || System.nanoTime() - nextFullLook >= 0) {
                    long started = System.nanoTime();
                    pending = directory.refresh();
                    long took = System.nanoTime() - started;
                    nextFullLook = System.nanoTime() + Math.max(TimeUnit.MILLISECONDS.toNanos(pollMillis), took * POLL_SPACING);
                } else if (!changed.isEmpty() || pending > 0) {
                    pending = directory.refresh(changed); // the named files, and those still settling
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // never dies, whatever a reload meets (even memory running out while reading): the
                // registrations in force stay, and the source is looked at again at the next poll
                String failure = "alias source refresh failed (the registrations in force stay; retried at the next poll): " + e;
                if (failure.equals(lastFailure)) {
                    Log.debug(failure);
                } else {
                    Log.warn(failure);
                }
                lastFailure = failure;
                pending = pollMillis;
                continue;
            }
            lastFailure = null;
        }
    }

    /** Waits up to {@code millis} for events; collects changed files, returns true when a full look is needed. */
    private boolean waitForEvents(long millis, Map<WatchKey, Path> directories, List<Path> changed) throws InterruptedException {
        WatchService service = watchService;
        if (service == null) {
            Thread.sleep(millis);
            return false;
        }
        WatchKey key = service.poll(millis, TimeUnit.MILLISECONDS);
        boolean full = false;
        while (key != null) {
            Path watched = directories.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW || watched == null) {
                    full = true;
                    continue;
                }
                Path path = watched.resolve((Path) event.context());
                if (watched.equals(directory.path()) && Files.isDirectory(path)) {
                    watchQuietly(path, directories);
                    full = true; // a new scope directory: its files arrived with it
                }
                changed.add(path);
            }
            if (!key.reset()) {
                directories.remove(key);
                full = true;
            }
            key = service.poll();
        }
        return full;
    }

    private void watch(Path source, Map<WatchKey, Path> directories) throws IOException {
        if (!Files.isDirectory(source)) {
            watchQuietly(source.toAbsolutePath().getParent(), directories);
            return;
        }
        watchQuietly(source, directories);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    watchQuietly(entry, directories);
                }
            }
        }
    }

    private void watchQuietly(Path directory, Map<WatchKey, Path> directories) {
        try {
            WatchKey key = directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            directories.put(key, directory);
        } catch (IOException | RuntimeException e) {
            Log.debug("not watching " + directory + " (polling covers it): " + e);
        }
    }

    /** The shutdown hook {@link #start} registers. */
    Thread closeAtExit() {
        return closeAtExit;
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != closeAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeAtExit);
            } catch (IllegalStateException | SecurityException e) {
                // shutting down (the hook runs, or ran, this close too), or never registered
            }
        }
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                Log.debug("closing the alias watch service: " + e);
            }
        }
        thread.interrupt();
    }
}
