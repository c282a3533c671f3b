package dev.resolvechain.agent.boot;

import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Where code woven into a library's classes finds the agent (the agent's {@code ClassWeaver}): one
 * class shared by the application's class loader and the agent's ({@link AgentClassLoader}). Where the
 * library's class loader sees this class (the application's class path: it always holds the agent
 * jar), the woven code calls {@link #netty(Object, String, Object, String)} or {@link #dnsjava}
 * directly. Where it does not (a loader that does not delegate to the application's), it loads this
 * class by name from the system class loader and reads the field reflectively: JDK types only, and a
 * name the woven code holds as a constant ({@link #CLASS_NAME}).
 */
public final class LibraryHooks {
    public static final String CLASS_NAME = "dev.resolvechain.agent.boot.LibraryHooks";
    public static final String INTERNAL_NAME = "dev/resolvechain/agent/boot/LibraryHooks";
    public static final String NETTY_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/Object;Ljava/lang/String;)Z";
    public static final String DNSJAVA_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";

    /**
     * Netty's {@code DnsNameResolver.doResolve} and {@code doResolveAll}: given {@code {resolver,
     * host, promise, method name}}, true when the chain took the lookup (it completes the promise),
     * false when Netty should go on as it would.
     */
    public static volatile Predicate<Object[]> netty;

    /**
     * The application's dnsjava, {@code SimpleResolver.sendAsync}: given the resolver and the query
     * ({@code Message}), a {@code CompletionStage} of the answer, or null when dnsjava should go on.
     */
    public static volatile BiFunction<Object, Object, Object> dnsjava;

    private LibraryHooks() {
    }

    /** {@link #netty}, called directly. */
    public static boolean netty(Object resolver, String host, Object promise, String method) {
        Predicate<Object[]> hook = netty;
        return hook != null && hook.test(new Object[] {resolver, host, promise, method});
    }

    /** {@link #dnsjava}, called directly. */
    public static Object dnsjava(Object resolver, Object query) {
        BiFunction<Object, Object, Object> hook = dnsjava;
        return hook == null ? null : hook.apply(resolver, query);
    }
}
