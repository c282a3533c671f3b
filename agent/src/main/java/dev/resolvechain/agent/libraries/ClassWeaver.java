package dev.resolvechain.agent.libraries;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/** A library's advice woven into the class file of its class, as it loads (Byte Buddy is loaded on the first). */
final class ClassWeaver {
    private ClassWeaver() {
    }

    static byte[] weave(Library library, String internalName, byte[] classFile, ClassLoader loader) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool types = TypePool.Default.of(locator);
        Advice advice = library == Library.NETTY ? Advice.to(NettyResolverAdvice.class) : Advice.to(DnsjavaResolverAdvice.class);
        return new ByteBuddy()
                .redefine(types.describe(name).resolve(), locator)
                .visit(advice.on(methods(library)))
                .make(types)
                .getBytes();
    }

    /** Netty: {@code doResolve} and {@code doResolveAll(String, DnsRecord[], Promise, DnsCache)}; dnsjava: the public {@code sendAsync}s. */
    private static ElementMatcher<MethodDescription> methods(Library library) {
        return library == Library.NETTY
                ? namedOneOf("doResolve", "doResolveAll").and(takesArguments(4)).and(takesArgument(0, String.class))
                : named("sendAsync").and(isPublic()).and(takesArguments(1).or(takesArguments(2)));
    }
}
