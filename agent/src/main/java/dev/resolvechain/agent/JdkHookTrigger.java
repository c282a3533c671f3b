package dev.resolvechain.agent;

import dev.resolvechain.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Puts the hook into the JDK when {@code InetAddress} initialises rather than before {@code main}:
 * opening {@code java.net}, initialising {@code InetAddress} and the hook cost 10 to 15 ms, which a JVM
 * that never resolves a name (a command-line tool, a test fork) need not pay, and which otherwise
 * happen on the build thread (reading the configuration's addresses initialises it). As the class
 * loads, a call to the agent is woven at the end of its static initialiser ({@link InetAddressWeave}).
 * Every other thread waits for the class to finish initialising, so no lookup reaches the JDK's
 * resolver before the hook is in. Only the first load counts: the class is never retransformed.
 */
final class JdkHookTrigger implements ClassFileTransformer {
    private static final String INET_ADDRESS = "java/net/InetAddress";

    private final Runnable hookNow;

    private JdkHookTrigger(Runnable hookNow) {
        this.hookNow = hookNow;
    }

    /**
     * Arms the trigger for {@code hook}, or, when {@code InetAddress} is loaded already (another agent,
     * the JVM's own options), runs it at once.
     */
    static void arm(Instrumentation instrumentation, Runnable hook) {
        JdkHookTrigger trigger = new JdkHookTrigger(hook);
        instrumentation.addTransformer(trigger, false);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getClassLoader() == null && loaded.getName().equals("java.net.InetAddress")) {
                // loaded before the trigger, or while it was armed: the hook is idempotent, so both may run
                instrumentation.removeTransformer(trigger);
                hook.run();
                return;
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || redefined != null || !INET_ADDRESS.equals(className)) {
            return null;
        }
        try {
            return InetAddressWeave.weave(bytes);
        } catch (RuntimeException | LinkageError e) {
            // InetAddress is being loaded on this thread and cannot be initialised from here: another thread hooks it as soon as it can
            Log.warn("cannot weave the hook's trigger into InetAddress (" + e + "): the hook goes in from a thread of its own,"
                    + " and lookups made before it reach the JDK's resolver");
            Thread thread = new Thread(hookNow, "resolvechain-hook");
            thread.setDaemon(true);
            thread.start();
            return null;
        }
    }
}
