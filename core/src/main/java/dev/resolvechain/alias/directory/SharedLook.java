package dev.resolvechain.alias.directory;

import dev.resolvechain.alias.AliasRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A look at a list of owner files, by the calling thread alone or shared with a few short-lived
 * daemon threads: reading 10,000 files is mostly system calls, which the cores make side by side.
 * Looking at a file the registry does not know yet changes no other file's state, so the looks can
 * run in any order. Every file is looked at once; an error in a helper is thrown again on the
 * calling thread, since its files would otherwise go unread, silently.
 */
final class SharedLook {
    /** Looks at one file, adding its change if it has one; returns how many ms later to look again (0: not pending). */
    interface FileLook {
        long look(OwnerFiles.OwnerFile file, List<AliasRegistry.Change> changes);
    }

    private static final int BATCH = 32;

    private SharedLook() {
    }

    /** Looks at every file of {@code listed} with up to {@code helpers} more threads; returns the soonest pending time. */
    static long lookAll(List<OwnerFiles.OwnerFile> listed, FileLook look, int helpers, List<AliasRegistry.Change> changes) {
        AtomicInteger next = new AtomicInteger();
        List<Looker> lookers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < helpers; i++) {
            Looker looker = new Looker(listed, look, next, new ArrayList<>());
            Thread thread = new Thread(looker, "resolvechain-aliases-load");
            thread.setDaemon(true);
            try {
                thread.start();
            } catch (OutOfMemoryError | SecurityException e) {
                break; // no thread to spare: this one looks at the rest
            }
            lookers.add(looker);
            threads.add(thread);
        }
        long pending = new Looker(listed, look, next, changes).lookAll();
        joinAll(threads);
        for (Looker looker : lookers) {
            if (looker.failure instanceof Error error) {
                throw error;
            }
            if (looker.failure != null) {
                throw (RuntimeException) looker.failure;
            }
            changes.addAll(looker.changes);
            pending = soonest(pending, looker.pending);
        }
        return pending;
    }

    /** Waits for every helper: their results are needed; an interrupt meanwhile is kept for the caller. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static long soonest(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** Takes batches of files not yet taken by another looker. */
    private static final class Looker implements Runnable {
        private final List<OwnerFiles.OwnerFile> listed;
        private final FileLook look;
        private final AtomicInteger next;
        final List<AliasRegistry.Change> changes;
        long pending;
        Throwable failure;

        Looker(List<OwnerFiles.OwnerFile> listed, FileLook look, AtomicInteger next, List<AliasRegistry.Change> changes) {
            this.listed = listed;
            this.look = look;
            this.next = next;
            this.changes = changes;
        }

        long lookAll() {
            for (int start; (start = next.getAndAdd(BATCH)) < listed.size(); ) {
                for (int i = start; i < Math.min(start + BATCH, listed.size()); i++) {
                    pending = soonest(pending, look.look(listed.get(i), changes));
                }
            }
            return pending;
        }

        @Override
        public void run() {
            try {
                lookAll();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
    }
}
