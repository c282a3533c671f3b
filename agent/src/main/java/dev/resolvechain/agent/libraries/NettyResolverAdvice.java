package dev.resolvechain.agent.libraries;

import java.util.function.Predicate;
import net.bytebuddy.asm.Advice;

/**
 * Woven into Netty's {@code DnsNameResolver.doResolve(String, DnsRecord[], Promise, DnsCache)} and
 * {@code doResolveAll(...)}: the chain is asked first; the method body runs only when the chain
 * leaves the name to Netty, or cannot be reached. Inlined into Netty's class, in Netty's class
 * loader: it reaches the agent through the system class loader ({@link LibraryHooks}).
 */
final class NettyResolverAdvice {
    private NettyResolverAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    @SuppressWarnings("unchecked")
    static boolean enter(@Advice.This Object resolver, @Advice.Argument(0) String host, @Advice.Argument(2) Object promise,
                         @Advice.Origin("#m") String method) {
        try {
            Object hook = ClassLoader.getSystemClassLoader().loadClass(LibraryHooks.CLASS_NAME)
                    .getField("netty").get(null);
            return hook instanceof Predicate && ((Predicate<Object[]>) hook).test(new Object[] {resolver, host, promise, method});
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
