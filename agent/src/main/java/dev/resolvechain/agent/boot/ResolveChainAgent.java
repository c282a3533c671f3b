package dev.resolvechain.agent.boot;

import java.io.IOException;
import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry points: they hand over to the agent in its own class loader
 * ({@link AgentClassLoader}). Nothing here but JDK types, so that this package is all the
 * application's class loader loads of the agent.
 */
public final class ResolveChainAgent {
    /** The agent's class that hands itself over ({@link #handOver}) as it initialises. */
    private static final String AGENT = "dev.resolvechain.agent.ChainInstaller";

    private static volatile Agent agent;

    private ResolveChainAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        install(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(arguments, instrumentation, true);
    }

    /**
     * The resolver in force (the core's {@code JdkResolver}), or null when the agent is not installed,
     * nor yet: the hook goes in as {@code InetAddress} initialises. What a view into the running JVM
     * reads (the integration tests' child reads its count of nested lookups through it).
     */
    public static Object installed() {
        Agent installedAgent = agent;
        return installedAgent == null ? null : installedAgent.installed();
    }

    static Agent agent() {
        return agent;
    }

    /** Called once, by the agent's class in the agent's own loader as it initialises. */
    public static void handOver(Agent handed) {
        agent = handed;
    }

    private static void install(String arguments, Instrumentation instrumentation, boolean attached) {
        try {
            if (agent == null) {
                Class.forName(AGENT, true, AgentClassLoader.get());
            }
            if (agent == null) {
                throw new ClassNotFoundException(AGENT + " did not hand itself over");
            }
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            // the agent's own classes are not in its jar as built: nothing of the configuration can be read, strict=true included
            System.err.println("resolvechain ERROR: cannot install: the agent jar is damaged: " + e
                    + " (not installed; the JDK's resolver is unchanged)");
            return;
        }
        agent.install(arguments, instrumentation, attached);
    }
}
