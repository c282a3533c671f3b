package dev.resolvechain.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** The daemon threads of a server, and waiting for them to end when it stops. */
final class Threads {

    /** A thread blocked on a closed socket is woken by a signal at once; this only bounds a hang. */
    private static final Duration END_TIMEOUT = Duration.ofSeconds(5);

    private Threads() {}

    static ThreadFactory daemons(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Waits for {@code thread}, if any, to end; an interrupt ends the wait and is kept. */
    static void awaitEnd(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(END_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the tasks of a shut down {@code executor} to end; an interrupt ends the wait and is kept. */
    static void awaitEnd(ExecutorService executor) {
        try {
            executor.awaitTermination(END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
