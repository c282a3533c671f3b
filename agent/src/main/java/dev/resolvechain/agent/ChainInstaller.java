package dev.resolvechain.agent;

import dev.resolvechain.Log;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import dev.resolvechain.agent.boot.Agent;
import dev.resolvechain.agent.boot.ResolveChainAgent;
import dev.resolvechain.agent.libraries.LibraryWeaving;
import dev.resolvechain.agent.log.AgentLog;
import dev.resolvechain.agent.log.ApplicationSlf4j;
import dev.resolvechain.config.Config;
import dev.resolvechain.jdk.ChainStart;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent: installs the chain into the JDK's name resolution, or, if it cannot, says so in one line and
 * leaves the JVM's resolution as it was ({@code strict=true}: stops the JVM instead). Called by the
 * agent's entry points ({@link ResolveChainAgent}), to which it hands itself over as it initialises in
 * the agent's class loader.
 */
public final class ChainInstaller implements Agent {
    /** The resolver in force, closed when a re-attach replaces it. */
    private static volatile JdkResolver installed;
    /** The hook of the latest install, which {@code InetAddress}'s initialisation puts in. */
    private static volatile JdkHookInstall pendingHook;

    static {
        ResolveChainAgent.handOver(new ChainInstaller());
    }

    private ChainInstaller() {
    }

    @Override
    public JdkResolver installed() {
        return installed;
    }

    @Override
    public void install(String arguments, Instrumentation instrumentation, boolean attached) {
        installChain(arguments, instrumentation, attached);
    }

    @Override
    public void inetAddressReady() {
        JdkHookInstall hook = pendingHook;
        if (hook != null) {
            hook.inetAddressReady();
        }
    }

    /**
     * Reads the configuration and builds the chain on a daemon thread ({@link ChainBuild}) so that
     * neither is on the way to {@code main}, and puts the hook into the JDK as {@code InetAddress}
     * initialises ({@link JdkHookTrigger}), or now if it is loaded already: a lookup made before the
     * chain is built waits for it.
     *
     * @param attached whether the JVM was running before (attach): classes it loaded are woven too
     */
    private static synchronized void installChain(String arguments, Instrumentation instrumentation, boolean attached) {
        Log.use(AgentLog.INSTANCE);
        // initialised here, before the transformer and the build thread, which both use it: a class first
        // loaded from a class file transformer on two threads at once failed with "duplicate class definition"
        ApplicationSlf4j.loaded(null);
        ChainStart chainStart = ChainStart.pending(ChainStart.UNTIL_CONFIGURED);
        ChainBuild build = ChainBuild.start(new ChainBuild(arguments, chainStart, installed, attached));
        JdkHookInstall hook = new JdkHookInstall(instrumentation, chainStart, build, attached);
        pendingHook = hook;
        LibraryWeaving.install(instrumentation, hook, attached);
        JdkHookTrigger.arm(instrumentation, hook);
    }

    /** The hook put {@code resolver} in place. */
    static void inForce(JdkResolver resolver) {
        installed = resolver;
    }

    /**
     * The chain of {@code resolver} is built: said (before any lookup goes on with it, so the line
     * comes first), handed to the lookups waiting for it, then it replaces the one before (an attach)
     * and can be asked of from outside.
     */
    static synchronized void built(JdkResolver resolver, JdkResolver previous, Config config, ChainStart chainStart, ResolveChain chain,
                                   long startNanos) {
        AgentLog.info("installed on JDK " + Runtime.version().feature() + " in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms; chain: " + describe(chain));
        chainStart.complete(chain);
        if (previous != null) {
            previous.chain().close();
        }
        ControlThread.start(resolver, config, LibraryWeaving.resolvers(), describe(chain));
    }

    /** The chain of {@code resolver} could not be built: the one before it, if any, stays the one asked of from outside. */
    static synchronized void notBuilt(JdkResolver resolver, JdkResolver previous) {
        if (installed == resolver) {
            installed = previous;
        }
    }

    static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory while building the chain (" + e.getMessage() + "): give the JVM more heap (-Xmx) or the alias source"
                    + " fewer names (aliases.maxFileSize caps each file)";
        }
        return e instanceof Error ? e.toString() : e.getMessage();
    }

    private static String describe(ResolveChain chain) {
        List<String> names = new ArrayList<>();
        for (Tier tier : chain.tiers()) {
            names.add(tier.name());
        }
        return String.join(" > ", names);
    }

    static void refuse(String message, boolean strict) {
        if (strict) {
            AgentLog.error(message + " (strict=true: stopping the JVM)");
            System.exit(1);
        }
        AgentLog.error(message + " (not installed; the JDK's resolver is unchanged)");
    }
}
