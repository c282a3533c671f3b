package dev.resolvechain.agent;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.jdk.ChainStart;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Puts the hook into the JDK, once, wherever that happens first: as {@code InetAddress} initialises
 * ({@link #inetAddressReady}, woven by {@link JdkHookTrigger}), or at once when the class was loaded
 * before the agent ({@link #run}: an attach, another agent), and tells the build how it went. The
 * resolver it puts in place may be made before, for a library woven meanwhile; the JDK's own
 * resolver behind it is known once the hook has found it.
 */
final class JdkHookInstall implements Runnable, Supplier<JdkResolver> {
    private final Instrumentation instrumentation;
    private final ChainStart chainStart;
    private final ChainBuild build;
    private final boolean attached;
    private final FoundPlatform platform = new FoundPlatform();
    /** Made when first wanted, by the hook or a library woven: a JVM that resolves nothing never loads it. */
    private JdkResolver resolver;

    JdkHookInstall(Instrumentation instrumentation, ChainStart chainStart, ChainBuild build, boolean attached) {
        this.instrumentation = instrumentation;
        this.chainStart = chainStart;
        this.build = build;
        this.attached = attached;
    }

    /** The resolver the hook puts in place, the one woven libraries go to as well: from now on the chain is wanted. */
    @Override
    public synchronized JdkResolver get() {
        if (resolver == null) {
            resolver = new JdkResolver(chainStart, platform);
            chainStart.wanted();
        }
        return resolver;
    }

    /**
     * Now, outside {@code InetAddress}'s initialisation: a failure waits for the configuration, says so
     * and stops the JVM under {@code strict=true} before the application goes on, as it would have.
     */
    @Override
    public void run() {
        String failure = install();
        if (failure != null) {
            ChainInstaller.refuse(failure, build.abandoned());
        }
    }

    /**
     * Inside {@code InetAddress}'s initialisation, which the build thread may be waiting for (its
     * configuration's addresses are {@code InetAddress}es): nothing here waits for it, and a failure is
     * left to it to say.
     */
    void inetAddressReady() {
        String failure = install();
        if (failure != null) {
            build.abandonedToSay(failure);
        }
    }

    /** Returns why the hook could not go in, or null: in, or in already, or no longer wanted by the build. */
    private String install() {
        if (!build.hookStarting()) {
            return null;
        }
        JdkHook installedHook = null;
        JdkResolver inPlace = get();
        try {
            JdkHook hook = JdkHook.forThisJdk(instrumentation);
            platform.found = hook.platform();
            hook.install(inPlace);
            installedHook = hook;
            if (attached || hook.cache().inUse()) {
                hook.cache().takeOver(inPlace);
            }
            ChainInstaller.inForce(inPlace);
            build.installed(hook, inPlace);
            return null;
        } catch (InstallException | RuntimeException | Error e) {
            if (installedHook != null) {
                installedHook.uninstall();
            }
            return "cannot install: " + ChainInstaller.reason(e);
        }
    }

    /** The JDK's own resolver behind the chain's, once the hook has found it: no lookup comes through the hook before. */
    private static final class FoundPlatform implements JdkResolver.Platform {
        private volatile JdkResolver.Platform found;

        @Override
        public InetAddress[] lookup(String host, AddressPolicy policy) throws UnknownHostException {
            return platform().lookup(host, policy);
        }

        @Override
        public String reverse(byte[] address) throws UnknownHostException {
            return platform().reverse(address);
        }

        private JdkResolver.Platform platform() throws UnknownHostException {
            JdkResolver.Platform platform = found;
            if (platform == null) {
                throw new UnknownHostException("resolvechain: the JDK's resolver is not hooked yet");
            }
            return platform;
        }
    }
}
