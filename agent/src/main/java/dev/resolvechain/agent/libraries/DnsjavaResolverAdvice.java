package dev.resolvechain.agent.libraries;

import java.util.function.BiFunction;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the application's dnsjava, {@code SimpleResolver.sendAsync(Message[, Executor])}, where
 * each of its queries leaves for a server: the chain answers what it should ({@link DnsjavaLookups}),
 * and the method body runs only for the rest. Inlined into dnsjava's class: it reaches the agent
 * through the system class loader ({@link LibraryHooks}).
 */
final class DnsjavaResolverAdvice {
    private DnsjavaResolverAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    @SuppressWarnings("unchecked")
    static Object enter(@Advice.This Object resolver, @Advice.Argument(0) Object query) {
        try {
            Object hook = ClassLoader.getSystemClassLoader().loadClass(LibraryHooks.CLASS_NAME).getField("dnsjava").get(null);
            return hook instanceof BiFunction ? ((BiFunction<Object, Object, Object>) hook).apply(resolver, query) : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object answered, @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (answered != null) {
            returned = answered;
        }
    }
}
