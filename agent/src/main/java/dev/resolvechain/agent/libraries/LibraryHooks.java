package dev.resolvechain.agent.libraries;

import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Where code woven into a library's classes finds the agent. That code runs in the library's class
 * loader, which may not see the agent's classes; it loads this one by name from the system class
 * loader, which always holds the agent jar, and reads the field reflectively. Hence JDK types only,
 * and a name the woven code holds as a constant ({@link #CLASS_NAME}, inlined by the compiler).
 */
public final class LibraryHooks {
    static final String CLASS_NAME = "dev.resolvechain.agent.libraries.LibraryHooks";

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
}
