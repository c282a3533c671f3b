package dev.resolvechain.agent;

import dev.resolvechain.jdk.ChainInetAddressResolver;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.spi.InetAddressResolver;
import java.util.concurrent.locks.Lock;

/** JDK 18+: sets {@code InetAddress.resolver}, the field the JDK's first lookup would fill in. */
final class ResolverFieldHook implements JdkHook {
    private final Field resolverField;
    private final Lock resolverLock;
    private final InetAddressResolver builtin;
    private final JdkCache cache;

    ResolverFieldHook() throws InstallException {
        this(InetAddress.class, "resolver");
    }

    /** {@code owner}/{@code fieldName} are parameters so a test can show an unknown JDK is refused cleanly. */
    ResolverFieldHook(Class<?> owner, String fieldName) throws InstallException {
        resolverField = JdkInternals.staticField(owner, fieldName);
        resolverLock = (Lock) JdkInternals.get(JdkInternals.staticField(InetAddress.class, "RESOLVER_LOCK"));
        builtin = (InetAddressResolver) JdkInternals.get(JdkInternals.staticField(InetAddress.class, "BUILTIN_RESOLVER"));
        cache = new JdkCache();
    }

    @Override
    public JdkResolver.Platform platform() {
        return ChainInetAddressResolver.platform(builtin);
    }

    @Override
    public void install(JdkResolver resolver) throws InstallException {
        resolverLock.lock(); // the JDK's own first-lookup path sets the field under this lock
        try {
            Object previous = JdkInternals.get(resolverField);
            JdkInternals.set(resolverField, new ChainInetAddressResolver(resolver));
            try {
                cache.disable();
            } catch (InstallException e) {
                JdkInternals.set(resolverField, previous);
                throw e;
            }
        } finally {
            resolverLock.unlock();
        }
    }
}
