package dev.resolvechain.agent.libraries;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/** {@link NettyResolverAdvice} woven into the class file of Netty's {@code DnsNameResolver}, as it loads. */
final class NettyWeaver {
    private NettyWeaver() {
    }

    static byte[] weave(String internalName, byte[] classFile, ClassLoader loader) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool types = TypePool.Default.of(locator);
        return new ByteBuddy()
                .redefine(types.describe(name).resolve(), locator)
                .visit(Advice.to(NettyResolverAdvice.class)
                        .on(namedOneOf("doResolve", "doResolveAll").and(takesArguments(4)).and(takesArgument(0, String.class))))
                .make(types)
                .getBytes();
    }
}
