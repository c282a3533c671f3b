package dev.resolvechain.agent;

import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import dev.resolvechain.jdk.ChainStart;
import dev.resolvechain.jdk.JdkResolver;

/**
 * Builds the chain on the daemon thread {@code resolvechain-start}, beside the application's own
 * start. Should it fail (an alias source too large for the heap, say), the JDK's resolver is put
 * back, lookups made meanwhile go to it, and the agent says so ({@code strict=true}: stops the JVM).
 * Not a lambda: made while the agent installs, where each costs a bootstrap.
 */
final class ChainBuild implements Runnable {
    private final Config config;
    private final JdkHook hook;
    private final ChainStart chainStart;
    private final JdkResolver resolver;
    /** The resolver an earlier attach installed, closed once this one's chain is built. */
    private final JdkResolver previous;
    private final long startNanos;

    ChainBuild(Config config, JdkHook hook, ChainStart chainStart, JdkResolver resolver, JdkResolver previous, long startNanos) {
        this.config = config;
        this.hook = hook;
        this.chainStart = chainStart;
        this.resolver = resolver;
        this.previous = previous;
        this.startNanos = startNanos;
    }

    static void start(ChainBuild build) {
        Thread thread = new Thread(build, "resolvechain-start");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        ResolveChain chain;
        try {
            chain = ChainFactory.create(config, System.getenv());
        } catch (RuntimeException | Error e) {
            hook.uninstall();
            ResolveChainAgent.notBuilt(resolver, previous);
            chainStart.fail(config.get(Settings.LOOKUP_TIMEOUT));
            ResolveChainAgent.refuse("cannot install: " + ResolveChainAgent.reason(e), config.get(Settings.STRICT));
            return;
        }
        ResolveChainAgent.built(resolver, previous, config, chainStart, chain, startNanos);
    }
}
