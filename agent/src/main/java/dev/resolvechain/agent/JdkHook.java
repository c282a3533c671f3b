package dev.resolvechain.agent;

import dev.resolvechain.jdk.JdkResolver;
import java.lang.instrument.Instrumentation;

/**
 * Where the chain plugs into the JDK. Preparing a hook finds everything it needs and changes
 * nothing; {@link #install} then swaps the resolver in one step, so a failure leaves the JVM as it was.
 *
 * <p>Which hook, per JDK: up to 17, {@code InetAddress} delegates to a private {@code NameService}
 * held in a static field, the only seam there is. From 18 the resolver SPI exists, but the JDK finds
 * a provider with {@code ServiceLoader} on the thread context class loader of the first lookup, once
 * for the life of the JVM: an application server's thread with its own loader makes it silently
 * pick the built-in resolver, and a JVM that already looked something up never asks again. So the
 * agent sets the resolved-resolver field directly, which holds in both cases. Both are plain
 * reflection after opening {@code java.net} through {@link Instrumentation}: no bytecode is
 * rewritten, so no class is retransformed and start-up stays cheap.
 */
interface JdkHook {

    /** The JDK's own resolver, for lookups that must not enter the chain. */
    JdkResolver.Platform platform();

    void install(JdkResolver resolver) throws InstallException;

    /**
     * The JDK's address cache, which {@link JdkCache#takeOver} turns off for the chain, once. When it
     * is empty at install (a JVM's start) the build thread does it, just before the chain is handed
     * to lookups: it initialises the JDK's cache policy, which reads the security properties file, a
     * cost a JVM that never looks a name up need not pay, and no answer can be cached meanwhile
     * (every lookup waits for the chain). When it holds answers (an attach), at install, or they
     * would be served instead of the chain's.
     */
    JdkCache cache();

    /** Puts back what {@link #install} and the cache's takeover replaced: the JDK's resolver and its address cache as they were. */
    void uninstall();

    static JdkHook forThisJdk(Instrumentation instrumentation) throws InstallException {
        JdkInternals.open(instrumentation, JdkInternals.OPENED_PACKAGES);
        return Runtime.version().feature() >= 18 ? new ResolverFieldHook() : new NameServiceHook();
    }
}
