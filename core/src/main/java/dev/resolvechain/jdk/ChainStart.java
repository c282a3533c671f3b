package dev.resolvechain.jdk;

import dev.resolvechain.Query;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The chain a {@link JdkResolver} asks: built already (tools, tests), or being built on a daemon
 * thread while the JVM starts (the agent), so that reading the alias source and resolv.conf is not
 * on the path to {@code main}. A lookup made meanwhile waits for it, at most {@code lookupTimeout};
 * then it fails, saying the chain is still being built. A build that failed leaves lookups to the
 * JDK's own resolver ({@link #fail}).
 */
public final class ChainStart {
    /**
     * How long a lookup waits for the chain before the configuration is read: the default
     * {@code lookupTimeout} (the agent reads the configuration on the build thread).
     */
    public static final Duration UNTIL_CONFIGURED = Duration.ofSeconds(3);

    private final CountDownLatch built = new CountDownLatch(1);
    /** Counted down once something can ask the chain ({@link #wanted}, {@link #await}): the build need not wait any longer. */
    private final CountDownLatch wanted = new CountDownLatch(1);
    private volatile long waitNanos;
    private volatile ResolveChain chain;
    private volatile boolean failed;

    private ChainStart(long waitNanos) {
        this.waitNanos = waitNanos;
    }

    /** A chain built already. */
    public static ChainStart of(ResolveChain chain) {
        ChainStart start = new ChainStart(0);
        start.complete(chain);
        return start;
    }

    /** A chain still to be {@link #complete}d; lookups wait for it at most {@code wait}. */
    public static ChainStart pending(Duration wait) {
        return new ChainStart(wait.toNanos());
    }

    /** The configuration is read: lookups that begin waiting from now wait at most {@code wait}. */
    public void waitAtMost(Duration wait) {
        waitNanos = wait.toNanos();
    }

    /** The chain is built: lookups waiting for it go on. */
    public void complete(ResolveChain built) {
        chain = built;
        this.built.countDown();
    }

    /**
     * The chain could not be built: lookups waiting for it, and later ones, go to the JDK's own
     * resolver ({@link #failed}); a library's lookups find a chain of no tier, which passes them on.
     */
    public void fail(Duration lookupTimeout) {
        failed = true;
        complete(new ResolveChain(List.of(), lookupTimeout));
    }

    public boolean failed() {
        return failed;
    }

    /** The chain, or null while it is being built. */
    public ResolveChain now() {
        return chain;
    }

    /**
     * The chain, waiting while it is being built; when it is not built within the wait, a chain whose
     * one tier fails every lookup with that reason.
     */
    public ResolveChain await() {
        ResolveChain current = chain;
        if (current != null) {
            return current;
        }
        wanted.countDown();
        boolean interrupted = false;
        long waited = waitNanos;
        long end = System.nanoTime() + waited;
        while (chain == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                built.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // a lookup is not interruptible: kept for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        current = chain;
        return current != null ? current : new ResolveChain(List.of(new NotBuilt(waited)), Duration.ofNanos(waited));
    }

    /** Something can ask the chain now (the agent's hook went in, a library was woven): its build begins. */
    public void wanted() {
        wanted.countDown();
    }

    /** The builder's wait: until the chain is {@link #wanted} or a lookup waits for it, at most {@code idle}. */
    public void awaitWanted(Duration idle) {
        try {
            wanted.await(idle.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The one tier of a chain asked before it was built. */
    private static final class NotBuilt implements Tier {
        private final long waitedNanos;

        NotBuilt(long waitedNanos) {
            this.waitedNanos = waitedNanos;
        }

        @Override
        public String name() {
            return "start";
        }

        @Override
        public Verdict resolve(Query query) {
            return Verdict.fail("the chain was still being built at JVM start after " + waitedNanos / 1_000_000
                    + " ms (lookupTimeout): reading the alias source, the hosts file or resolv.conf takes that long");
        }
    }
}
