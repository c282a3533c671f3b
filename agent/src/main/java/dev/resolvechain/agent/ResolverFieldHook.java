package dev.resolvechain.agent;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Log;
import dev.resolvechain.jdk.ChainInetAddressResolver;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;

/**
 * JDK 18+: sets {@code InetAddress.resolver}, the field the JDK's first lookup would fill in. The
 * JDK asks it with one lookup policy for the life of the JVM, {@code InetAddress.PLATFORM_LOOKUP_POLICY}.
 */
final class ResolverFieldHook implements JdkHook {
    private final Field resolverField;
    private final Lock resolverLock;
    private final InetAddressResolver builtin;
    private final AddressPolicy policy;
    private final JdkCache cache;
    private Object previous;

    ResolverFieldHook() throws InstallException {
        this(InetAddress.class, JdkInternals.RESOLVER);
    }

    /** {@code owner}/{@code fieldName} are parameters so a test can show an unknown JDK is refused cleanly. */
    ResolverFieldHook(Class<?> owner, String fieldName) throws InstallException {
        resolverField = JdkInternals.staticField(owner, fieldName);
        resolverLock = (Lock) JdkInternals.get(JdkInternals.staticField(InetAddress.class, JdkInternals.RESOLVER_LOCK));
        builtin = (InetAddressResolver) JdkInternals.get(JdkInternals.staticField(InetAddress.class, JdkInternals.BUILTIN_RESOLVER));
        InetAddressResolver.LookupPolicy platformPolicy = (InetAddressResolver.LookupPolicy)
                JdkInternals.get(JdkInternals.staticField(InetAddress.class, JdkInternals.PLATFORM_LOOKUP_POLICY));
        policy = ChainInetAddressResolver.policyOf(platformPolicy.characteristics());
        cache = new JdkCache(policy);
    }

    @Override
    public JdkResolver.Platform platform() {
        return ChainInetAddressResolver.platform(builtin);
    }

    @Override
    public void install(JdkResolver resolver) throws InstallException {
        resolverLock.lock(); // the JDK's own first-lookup path sets the field under this lock
        try {
            previous = JdkInternals.get(resolverField);
            JdkInternals.set(resolverField, new Hooked(new ChainInetAddressResolver(resolver), cache.aliasEntries()));
        } finally {
            resolverLock.unlock();
        }
    }

    @Override
    public JdkCache cache() {
        return cache;
    }

    @Override
    public void uninstall() {
        resolverLock.lock();
        try {
            JdkInternals.set(resolverField, previous);
            cache.giveBack();
        } catch (InstallException e) {
            Log.warn("cannot put the JDK's resolver back: " + e.getMessage());
        } finally {
            resolverLock.unlock();
        }
    }

    /** The chain as the JDK's resolver; each name it resolves is offered to the alias entries. */
    private static final class Hooked implements InetAddressResolver {
        private final ChainInetAddressResolver chain;
        private final AliasCacheEntries aliasEntries;

        Hooked(ChainInetAddressResolver chain, AliasCacheEntries aliasEntries) {
            this.chain = chain;
            this.aliasEntries = aliasEntries;
        }

        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException {
            Stream<InetAddress> addresses = chain.lookupByName(host, lookupPolicy);
            aliasEntries.offer(host);
            return addresses;
        }

        @Override
        public String lookupByAddress(byte[] address) throws UnknownHostException {
            return chain.lookupByAddress(address);
        }
    }
}
