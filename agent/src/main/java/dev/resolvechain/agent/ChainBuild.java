package dev.resolvechain.agent;

import dev.resolvechain.ResolveChain;
import dev.resolvechain.agent.log.AgentLog;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.config.Settings;
import dev.resolvechain.jdk.ChainStart;
import dev.resolvechain.jdk.JdkResolver;
import java.time.Duration;

/**
 * Reads the configuration and builds the chain on the daemon thread {@code resolvechain-start},
 * beside the application's own start: once the chain is wanted, or {@link #IDLE_AT_START} after the
 * agent's start. The install then hands over the hook
 * and the resolver it put in place ({@link #installed}), or says it put none ({@link #abandoned}).
 * Should the configuration not parse or the build fail (an alias source too large for the heap,
 * say), the JDK's resolver is put back, lookups made meanwhile go to it, and the agent says so
 * ({@code strict=true}: stops the JVM). Not a lambda: made while the agent installs, where each
 * costs a bootstrap.
 */
final class ChainBuild implements Runnable {
    /**
     * How long a JVM's start goes on before the build begins, unless the chain is wanted sooner (the
     * hook went in as {@code InetAddress} initialised, a library was woven, a lookup waits): a JVM that
     * never resolves a name, or is done first (a command-line tool, a test fork), does not spend its
     * CPU on the chain, and one whose first lookup comes later finds the chain built.
     */
    static final Duration IDLE_AT_START = Duration.ofMillis(100);

    private final String arguments;
    private final ChainStart chainStart;
    /** The resolver an earlier attach installed, closed once this one's chain is built. */
    private final JdkResolver previous;
    /** Whether the JVM was running before (attach): then the build does not wait for a first lookup. */
    private final boolean attached;
    /** Set by the install, guarded by this: the hook and resolver in place, or abandoned (and why, when this thread is to say it). */
    private JdkHook hook;
    private JdkResolver resolver;
    private boolean abandoned;
    private String refusalToSay;
    /** Guarded by this: whether the hook has started going in, or will not (this thread gave up first). */
    private boolean hookStarted;
    private boolean hookRefused;
    /** Set by this thread, guarded by this: the configuration, or whether reading it failed. */
    private Config config;
    private boolean configFailed;

    ChainBuild(String arguments, ChainStart chainStart, JdkResolver previous, boolean attached) {
        this.arguments = arguments;
        this.chainStart = chainStart;
        this.previous = previous;
        this.attached = attached;
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

    /** Whether the hook may go in now: not when it has started already, nor when no chain will come. */
    synchronized boolean hookStarting() {
        if (hookStarted || hookRefused) {
            return false;
        }
        hookStarted = true;
        return true;
    }

    /**
     * The install put nothing in place. Returns whether {@code strict=true} was asked for, once the
     * configuration is read (false when it did not parse: this thread says that itself).
     */
    synchronized boolean abandoned() {
        abandoned = true;
        notifyAll();
        await(Awaited.CONFIGURATION);
        return config != null && config.get(Settings.STRICT);
    }

    /** The install put nothing in place, for {@code refusal}, which this thread says once the configuration is read. */
    synchronized void abandonedToSay(String refusal) {
        abandoned = true;
        refusalToSay = refusal;
        notifyAll();
    }

    /** No chain will come: the hook must not go in. True when it had not started (and now will not). */
    private synchronized boolean refuseHook() {
        hookRefused = !hookStarted;
        return hookRefused;
    }

    private synchronized void configured(Config read) {
        config = read;
        configFailed = read == null;
        notifyAll();
    }

    private synchronized String refusalToSay() {
        return refusalToSay;
    }

    /** Waits for the install to say how it went; false when it put nothing in place. */
    private synchronized boolean awaitInstall() {
        await(Awaited.INSTALL);
        return !abandoned;
    }

    /** What one side waits for from the other: the install's outcome, or the configuration read (or not). */
    private enum Awaited {
        INSTALL, CONFIGURATION
    }

    /** Waits on this until {@code what} is known; an interrupt meanwhile is kept for the caller. */
    private synchronized void await(Awaited what) {
        boolean interrupted = false;
        while (what == Awaited.INSTALL ? resolver == null && !abandoned : config == null && !configFailed) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        if (!attached) {
            chainStart.awaitWanted(IDLE_AT_START);
        }
        long startNanos = System.nanoTime();
        Config read;
        try {
            read = ConfigLoader.fromSystem(arguments);
        } catch (ConfigException | RuntimeException | Error e) {
            boolean strict = e instanceof ConfigException problems && problems.strictRequested();
            String refusal = e instanceof ConfigException problems ? String.join("; ", problems.problems())
                    : "cannot read the configuration: " + ChainInstaller.reason(e);
            if (!strict) {
                configured(null);
            }
            giveUp(refusal, strict, ChainStart.UNTIL_CONFIGURED);
            return;
        }
        AgentLog.setLevel(read.get(Settings.LOG_LEVEL));
        chainStart.waitAtMost(read.get(Settings.LOOKUP_TIMEOUT));
        configured(read);
        ResolveChain chain;
        try {
            chain = ChainFactory.create(read, System.getenv());
        } catch (RuntimeException | Error e) {
            giveUp("cannot install: " + ChainInstaller.reason(e), read.get(Settings.STRICT), read.get(Settings.LOOKUP_TIMEOUT));
            return;
        }
        if (!awaitInstall()) {
            chain.close();
            String refusal = refusalToSay();
            if (refusal != null) { // else the install said it
                ChainInstaller.refuse(refusal, read.get(Settings.STRICT));
            }
            return;
        }
        try {
            hook.cache().takeOver(resolver);
        } catch (InstallException | RuntimeException e) {
            chain.close();
            giveUp("cannot install: " + ChainInstaller.reason(e), read.get(Settings.STRICT), read.get(Settings.LOOKUP_TIMEOUT));
            return;
        }
        try {
            ChainInstaller.built(resolver, previous, read, chainStart, chain, startNanos);
        } finally {
            if (chainStart.now() == null) {
                chainStart.complete(chain); // the line or the control thread failed: lookups still get the chain
            }
        }
    }

    /**
     * No chain will come, said as {@code refusal}. With {@code strict} the JVM stops first: a lookup
     * waiting for the chain never goes on to the JDK's resolver (the program must not run on). Else
     * what the hook put in place is put back, the waiting lookups go to the JDK's resolver, and then
     * the refusal is said.
     */
    private void giveUp(String refusal, boolean strict, Duration lookupTimeout) {
        if (strict) {
            ChainInstaller.refuse(refusal, true);
        }
        putBack(lookupTimeout);
        ChainInstaller.refuse(refusal, false);
    }

    /**
     * No chain will come: the hook will not go in, or, once it has, what it put in place is put back
     * and lookups go to the JDK's resolver.
     */
    private void putBack(Duration lookupTimeout) {
        try {
            if (!refuseHook() && awaitInstall()) {
                hook.uninstall();
                ChainInstaller.notBuilt(resolver, previous);
            }
        } finally {
            chainStart.fail(lookupTimeout); // whatever happens, no lookup waits for a chain that will not come
        }
    }
}
