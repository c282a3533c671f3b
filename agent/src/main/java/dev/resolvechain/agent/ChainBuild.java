package dev.resolvechain.agent;

import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import dev.resolvechain.jdk.ChainStart;
import dev.resolvechain.jdk.JdkResolver;

/**
 * Builds the chain on the daemon thread {@code resolvechain-start}, begun as soon as the
 * configuration is read, beside the hook's install and the application's own start. The install
 * then hands over the hook and the resolver it put in place ({@link #installed}), or says it put
 * none ({@link #abandoned}). Should the build fail (an alias source too large for the heap, say),
 * the JDK's resolver is put back, lookups made meanwhile go to it, and the agent says so
 * ({@code strict=true}: stops the JVM). Not a lambda: made while the agent installs, where each
 * costs a bootstrap.
 */
final class ChainBuild implements Runnable {
    private final Config config;
    private final ChainStart chainStart;
    /** The resolver an earlier attach installed, closed once this one's chain is built. */
    private final JdkResolver previous;
    private final long startNanos;
    /** Set by the install, guarded by this: the hook and resolver in place, or abandoned. */
    private JdkHook hook;
    private JdkResolver resolver;
    private boolean abandoned;

    ChainBuild(Config config, ChainStart chainStart, JdkResolver previous, long startNanos) {
        this.config = config;
        this.chainStart = chainStart;
        this.previous = previous;
        this.startNanos = startNanos;
    }

    static ChainBuild start(ChainBuild build) {
        Thread thread = new Thread(build, "resolvechain-start");
        thread.setDaemon(true);
        thread.start();
        return build;
    }

    synchronized void installed(JdkHook installedHook, JdkResolver installedResolver) {
        hook = installedHook;
        resolver = installedResolver;
        notifyAll();
    }

    synchronized void abandoned() {
        abandoned = true;
        notifyAll();
    }

    /** Waits for the install to say how it went; false when it put nothing in place. */
    private synchronized boolean awaitInstall() {
        boolean interrupted = false;
        while (resolver == null && !abandoned) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !abandoned;
    }

    @Override
    public void run() {
        ResolveChain chain;
        try {
            chain = ChainFactory.create(config, System.getenv());
        } catch (RuntimeException | Error e) {
            if (awaitInstall()) {
                try {
                    hook.uninstall();
                    ResolveChainAgent.notBuilt(resolver, previous);
                } finally {
                    chainStart.fail(config.get(Settings.LOOKUP_TIMEOUT)); // whatever happens, no lookup waits for a chain that will not come
                }
                ResolveChainAgent.refuse("cannot install: " + ResolveChainAgent.reason(e), config.get(Settings.STRICT));
            }
            return;
        }
        if (!awaitInstall()) {
            chain.close(); // the install failed and said so
            return;
        }
        try {
            ResolveChainAgent.built(resolver, previous, config, chainStart, chain, startNanos);
        } finally {
            if (chainStart.now() == null) {
                chainStart.complete(chain); // the line or the control thread failed: lookups still get the chain
            }
        }
    }
}
