package dev.resolvechain.agent.libraries;

import dev.resolvechain.AddressPolicy;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * What the agent reads of a library's objects (Netty's, dnsjava's) and calls on them, by
 * reflection: their classes are the application's (or relocated inside another library), never the
 * agent's. A method is called through a public type that declares it, since the classes behind a
 * library's interfaces are often not public.
 */
final class LibraryReflection {
    private static final ClassValue<Method> RESOLVED_ADDRESS_TYPES = methodOf("resolvedAddressTypes");
    private static final ClassValue<Method> TRY_SUCCESS = methodOf("trySuccess", Object.class);
    private static final ClassValue<Method> TRY_FAILURE = methodOf("tryFailure", Throwable.class);
    private static final ClassValue<Method> NAME_SERVER_ADDRESS_STREAM = methodOf("nameServerAddressStream", String.class);
    private static final ClassValue<Method> NEXT = methodOf("next");
    private static final ClassValue<Method> SIZE = methodOf("size");
    private static final String NAMESERVER_PROVIDER_FIELD = "dnsServerAddressStreamProvider";
    /** dnsjava's {@code Message.toWire()}, {@code SimpleResolver.getAddress()} and {@code sendAsync(Message)}. */
    static final ClassValue<Method> TO_WIRE = methodOf("toWire");
    static final ClassValue<Method> GET_ADDRESS = methodOf("getAddress");
    static final ClassValue<Method> SEND_ASYNC = methodOf("sendAsync", 1);

    private LibraryReflection() {
    }

    /** The families a resolver wants ({@code ResolvedAddressTypes}) as the chain's policy. */
    static AddressPolicy policy(Object resolver) {
        Object types = call(RESOLVED_ADDRESS_TYPES, resolver);
        return switch (types == null ? "" : types.toString()) {
            case "IPV4_ONLY" -> AddressPolicy.IPV4_ONLY;
            case "IPV6_ONLY" -> AddressPolicy.IPV6_ONLY;
            case "IPV6_PREFERRED" -> AddressPolicy.IPV6_FIRST;
            default -> AddressPolicy.IPV4_FIRST;
        };
    }

    /** The nameservers a resolver asks, or null when they cannot be seen (Netty as a named module that is not open, say). */
    static List<InetSocketAddress> nameservers(Object resolver) {
        try {
            Object provider = field(resolver, NAMESERVER_PROVIDER_FIELD);
            Object stream = call(NAME_SERVER_ADDRESS_STREAM, provider, "");
            int size = (Integer) call(SIZE, stream);
            List<InetSocketAddress> servers = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                servers.add((InetSocketAddress) call(NEXT, stream));
            }
            return servers;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static void trySuccess(Object promise, Object result) {
        call(TRY_SUCCESS, promise, result);
    }

    static void tryFailure(Object promise, Throwable cause) {
        call(TRY_FAILURE, promise, cause);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    field.setAccessible(true);
                    return field.get(target);
                }
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** dnsjava's {@code new Message(wire)}, of the application's {@code Message} class. */
    static Object newMessage(Class<?> messageClass, byte[] wire) {
        try {
            return messageClass.getConstructor(byte[].class).newInstance((Object) wire);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** dnsjava's {@code new SimpleResolver(server)} with {@code setTimeout(timeout)}, of the application's {@code resolverClass}. */
    static Object newResolver(Class<?> resolverClass, InetSocketAddress server, Duration timeout) {
        try {
            Object resolver = resolverClass.getConstructor(InetSocketAddress.class).newInstance(server);
            resolverClass.getMethod("setTimeout", Duration.class).invoke(resolver, timeout);
            return resolver;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object call(ClassValue<Method> method, Object target, Object... arguments) {
        Method found = method.get(target.getClass());
        if (found == null) {
            throw new IllegalStateException("no public " + target.getClass().getName() + " method for the agent to call");
        }
        try {
            return found.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per class: the method {@code name(parameters)} as a public class or interface it extends declares it; null when none does. */
    private static ClassValue<Method> methodOf(String name, Class<?>... parameters) {
        return publicMethod(type -> {
            try {
                return type.getMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                return null;
            }
        });
    }

    /** As {@link #methodOf(String, Class[])}, by the number of parameters: for a method that takes a library's types. */
    private static ClassValue<Method> methodOf(String name, int parameterCount) {
        return publicMethod(type -> {
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == parameterCount) {
                    return method;
                }
            }
            return null;
        });
    }

    private static ClassValue<Method> publicMethod(Function<Class<?>, Method> lookup) {
        return new ClassValue<>() {
            @Override
            protected Method computeValue(Class<?> type) {
                Deque<Class<?>> types = new ArrayDeque<>(List.of(type));
                while (!types.isEmpty()) {
                    Class<?> candidate = types.poll();
                    if (Modifier.isPublic(candidate.getModifiers())) {
                        Method method = lookup.apply(candidate);
                        if (method != null && Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                            return method;
                        }
                    }
                    if (candidate.getSuperclass() != null) {
                        types.add(candidate.getSuperclass());
                    }
                    types.addAll(List.of(candidate.getInterfaces()));
                }
                return null;
            }
        };
    }
}
