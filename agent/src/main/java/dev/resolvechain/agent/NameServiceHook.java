package dev.resolvechain.agent;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Log;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * JDK 17: replaces the private {@code InetAddress.nameService} with a proxy of the package-private
 * {@code InetAddress$NameService} interface ({@code lookupAllHostAddr}, {@code getHostByAddr}).
 * The JDK 17 name service gets no lookup policy, so it is taken from the system properties and
 * the JDK's IPv6 support, as the JDK's own implementation does.
 */
final class NameServiceHook implements JdkHook {
    private final Field nameServiceField;
    private final Class<?> nameServiceType;
    private final Object original;
    private final Method originalLookup;
    private final Method originalReverse;
    private final AddressPolicy policy;
    private final JdkCache cache;

    NameServiceHook() throws InstallException {
        nameServiceField = JdkInternals.staticField(InetAddress.class, JdkInternals.NAME_SERVICE);
        nameServiceType = JdkInternals.jdkClass(JdkInternals.NAME_SERVICE_TYPE);
        original = JdkInternals.get(nameServiceField);
        try {
            originalLookup = nameServiceType.getDeclaredMethod(JdkInternals.NAME_SERVICE_LOOKUP, String.class);
            originalReverse = nameServiceType.getDeclaredMethod(JdkInternals.NAME_SERVICE_REVERSE, byte[].class);
            originalLookup.setAccessible(true);
            originalReverse.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new InstallException("unknown JDK internals: " + JdkInternals.NAME_SERVICE_TYPE + " is not as in JDK 17", e);
        }
        Object impl = JdkInternals.get(JdkInternals.staticField(InetAddress.class, JdkInternals.ADDRESS_IMPL));
        policy = impl.getClass().getSimpleName().equals(JdkInternals.IPV4_ONLY_IMPL)
                ? AddressPolicy.IPV4_ONLY : AddressPolicy.fromSystemProperties();
        cache = new JdkCache(policy);
    }

    @Override
    public JdkResolver.Platform platform() {
        return new JdkResolver.Platform() {
            @Override
            public InetAddress[] lookup(String host, AddressPolicy ignored) throws UnknownHostException {
                return (InetAddress[]) callOriginal(originalLookup, host);
            }

            @Override
            public String reverse(byte[] address) throws UnknownHostException {
                return (String) callOriginal(originalReverse, address);
            }
        };
    }

    private Object callOriginal(Method method, Object argument) throws UnknownHostException {
        try {
            return method.invoke(original, argument);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException("resolvechain: the JDK's resolver failed: " + e.getCause());
        } catch (IllegalAccessException e) {
            throw new UnknownHostException("resolvechain: the JDK's resolver cannot be called: " + e);
        }
    }

    @Override
    public void install(JdkResolver resolver) throws InstallException {
        AliasCacheEntries aliasEntries = cache.aliasEntries();
        InvocationHandler handler = new InvocationHandler() { // not a lambda: made while the agent installs
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws UnknownHostException {
                if (method.equals(originalLookup)) {
                    String host = (String) args[0];
                    InetAddress[] addresses = resolver.lookup(host, policy);
                    aliasEntries.offer(host);
                    return addresses;
                }
                if (method.equals(originalReverse)) {
                    return resolver.reverse((byte[]) args[0]);
                }
                return JdkInternals.objectMethod(proxy, method, args, "resolvechain NameService");
            }
        };
        Object proxy;
        try {
            proxy = Proxy.newProxyInstance(InetAddress.class.getClassLoader(), new Class<?>[] {nameServiceType}, handler);
        } catch (RuntimeException e) {
            throw new InstallException("cannot implement " + JdkInternals.NAME_SERVICE_TYPE, e);
        }
        JdkInternals.set(nameServiceField, proxy);
    }

    @Override
    public JdkCache cache() {
        return cache;
    }

    @Override
    public void uninstall() {
        try {
            JdkInternals.set(nameServiceField, original);
            cache.giveBack();
        } catch (InstallException e) {
            Log.warn("cannot put the JDK's resolver back: " + e.getMessage());
        }
    }
}
