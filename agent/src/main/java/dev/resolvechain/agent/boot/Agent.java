package dev.resolvechain.agent.boot;

import java.lang.instrument.Instrumentation;

/**
 * The agent as its entry points see it across the two class loaders: implemented in the agent's own
 * loader, whose class hands an instance over as it initialises ({@link ResolveChainAgent#handOver}).
 * No reflective call crosses over: on JDK 22+ each new shape of one spins method handles, some
 * milliseconds on the way to {@code main}.
 */
public interface Agent {
    /** @param attached whether the JVM was running before (attach) */
    void install(String arguments, Instrumentation instrumentation, boolean attached);

    /** The resolver in force (the core's {@code JdkResolver}), or null. */
    Object installed();

    /** {@code InetAddress} has just initialised, on this thread ({@link InetAddressReady}): the hook into the JDK goes in now. */
    void inetAddressReady();
}
