package dev.resolvechain.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/**
 * Reflective access to the few JDK internals the hooks touch. The agent's {@link Instrumentation}
 * opens {@code java.net} and {@code sun.net} to the agent alone (no {@code --add-opens}, no
 * {@code Unsafe}, nothing printed), so that private fields can be read and set.
 */
final class JdkInternals {
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
