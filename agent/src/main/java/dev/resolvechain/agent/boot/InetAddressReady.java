package dev.resolvechain.agent.boot;

/**
 * Initialised by the call the agent weaves at the end of {@code InetAddress}'s static initialiser
 * (the agent's {@code JdkHookTrigger}): the agent's hook into the JDK goes in there, before any thread
 * can use {@code InetAddress}.
 */
public final class InetAddressReady {
    static {
        Agent agent = ResolveChainAgent.agent();
        if (agent != null) {
            agent.inetAddressReady();
        }
    }

    private InetAddressReady() {
    }
}
