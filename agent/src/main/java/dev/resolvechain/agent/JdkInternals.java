package dev.resolvechain.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/**
 * Every JDK-internal name the agent touches, the same on JDK 17 to 25 unless marked, and reflective
 * access to them. The agent's {@link Instrumentation} opens {@link #OPENED_PACKAGES} to the agent
 * alone (no {@code --add-opens}, no {@code Unsafe}, nothing printed), so that private fields can be
 * read and set. A JDK that lacks one of them refuses the install cleanly, naming it.
 */
final class JdkInternals {
    static final String[] OPENED_PACKAGES = {"java.net", "sun.net"};

    // InetAddress's address cache and its policy (JdkCache, AliasCacheEntries)
    static final String ADDRESS_CACHE = "cache";
    static final String ADDRESS_CACHE_EXPIRY = "expirySet";
    /** An entry of the cache: {@code InetAddress[] get()}. */
    static final String CACHED_ADDRESSES = "java.net.InetAddress$Addresses";
    /** The entry of a lookup in progress. */
    static final String LOOKUP_IN_PROGRESS = "java.net.InetAddress$NameServiceAddresses";
    static final String CACHE_POLICY = "sun.net.InetAddressCachePolicy";
    static final String POSITIVE_CACHE_POLICY = "cachePolicy";
    static final String NEGATIVE_CACHE_POLICY = "negativeCachePolicy";

    // JDK 17: the name service (NameServiceHook)
    static final String NAME_SERVICE = "nameService";
    static final String NAME_SERVICE_TYPE = "java.net.InetAddress$NameService";
    static final String NAME_SERVICE_LOOKUP = "lookupAllHostAddr";
    static final String NAME_SERVICE_REVERSE = "getHostByAddr";
    /** InetAddress's {@code impl}: an {@link #IPV4_ONLY_IMPL} when the JVM has no IPv6. */
    static final String ADDRESS_IMPL = "impl";
    static final String IPV4_ONLY_IMPL = "Inet4AddressImpl";

    // JDK 18+: the resolver (ResolverFieldHook)
    static final String RESOLVER = "resolver";
    static final String RESOLVER_LOCK = "RESOLVER_LOCK";
    static final String BUILTIN_RESOLVER = "BUILTIN_RESOLVER";
    static final String PLATFORM_LOOKUP_POLICY = "PLATFORM_LOOKUP_POLICY";

    private JdkInternals() {
    }

    static void open(Instrumentation instrumentation, String... packages) throws InstallException {
        Module javaBase = Object.class.getModule();
        Module agent = JdkInternals.class.getModule();
        Map<String, Set<Module>> opens = new java.util.HashMap<>();
        for (String pkg : packages) {
            opens.put(pkg, Set.of(agent));
        }
        try {
            instrumentation.redefineModule(javaBase, Set.of(), Map.of(), opens, Set.of(), Map.of());
        } catch (RuntimeException e) {
            throw new InstallException("cannot open " + String.join(", ", packages) + " of java.base to the agent", e);
        }
    }

    static Field staticField(Class<?> owner, String name) throws InstallException {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new InstallException("unknown JDK internals: " + owner.getName() + " has no usable field '" + name
                    + "' (JDK " + Runtime.version() + ")");
        }
    }

    static Class<?> jdkClass(String name) throws InstallException {
        try {
            return Class.forName(name, false, InetAddress.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InstallException("unknown JDK internals: no class " + name + " (JDK " + Runtime.version() + ")");
        }
    }

    static Object get(Field field) throws InstallException {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new InstallException("cannot read " + field, e);
        }
    }

    static void set(Field field, Object value) throws InstallException {
        try {
            field.set(null, value);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new InstallException("cannot set " + field, e);
        }
    }

    /** {@code toString}, {@code hashCode} and {@code equals} of a proxy the agent gives the JDK: {@code description}, and identity. */
    static Object objectMethod(Object proxy, Method method, Object[] args, Object description) {
        switch (method.getName()) {
            case "toString":
                return description.toString();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }
}
