package dev.resolvechain.agent.libraries;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that run a library's lookups which may wait on the network, so that an event
 * loop never does: at most {@link #MAX_THREADS}, each gone after {@link #IDLE_SECONDS} idle.
 */
final class LookupThreads {
    static final int MAX_THREADS = 32;
    static final long IDLE_SECONDS = 30;

    private LookupThreads() {
    }

    static Executor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "resolvechain-lookup-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
