package dev.resolvechain.jdk;

import dev.resolvechain.Log;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.config.Settings;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.security.Security;

/**
 * The chain without the agent, on JDK 18+: the core jar on the class path is found by the JDK's
 * {@code ServiceLoader} at the first lookup. Configured from system properties, environment and
 * config file (there is no agent argument string). A configuration error, or any error while the
 * chain is built, leaves the JDK's built-in resolver in place, unless {@code strict=true}, which
 * stops the JVM.
 */
public final class ResolveChainProvider extends InetAddressResolverProvider {
    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        Config config;
        try {
            config = ConfigLoader.fromSystem("");
        } catch (ConfigException e) {
            return refuse(String.join("; ", e.problems()), e.strictRequested(), builtin);
        }
        ResolveChain chain;
        try {
            chain = ChainFactory.create(config, System.getenv());
        } catch (RuntimeException | Error e) { // out of memory for a huge alias source, say: the JVM goes on without the chain
            return refuse("cannot build the chain: " + e, config.get(Settings.STRICT), builtin);
        }
        disableJdkCache();
        Log.debug("installed as the JDK's InetAddressResolverProvider");
        return new ChainInetAddressResolver(new JdkResolver(chain, ChainInetAddressResolver.platform(builtin)));
    }

    private static InetAddressResolver refuse(String problems, boolean strict, InetAddressResolver builtin) {
        if (strict) {
            System.err.println("resolvechain ERROR: " + problems + " (strict=true: stopping the JVM)");
            Runtime.getRuntime().halt(1);
        }
        System.err.println("resolvechain ERROR: " + problems + " (not installed; the JDK's built-in resolver stays in place)");
        return builtin;
    }

    /**
     * The chain caches by record TTL; the JDK's cache above it would hold answers for 30 s whatever
     * they say (and alias changes must show within a second). The JDK reads these properties once,
     * when its cache policy is first used, which is after this provider is asked for its resolver.
     */
    private static void disableJdkCache() {
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    @Override
    public String name() {
        return "resolvechain";
    }
}
